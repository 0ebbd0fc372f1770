package com.example.accounts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;

/** Starts the accounts API: users, login sessions and payments, on the JDK's HTTP server. */
public final class AccountsApi {

  private AccountsApi() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
    URI paymentsUrl = URI.create(
        System.getenv().getOrDefault("PAYMENTS_URL", "https://payments.example.com/v1/"));

    UserRepository users = new UserRepository();
    PasswordService passwords = new PasswordService();
    SessionStore sessions = new SessionStore(Duration.ofMinutes(30));
    PaymentClient payments = new PaymentClient(paymentsUrl);

    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/users", new UsersHandler(users, passwords, sessions));
    server.createContext("/login", new LoginHandler(users, passwords, sessions));
    server.createContext("/payments", new PaymentsHandler(users, sessions, payments));
    server.setExecutor(Executors.newFixedThreadPool(8));
    sessions.startReaper();
    server.start();
    System.out.println("accounts API listening on port " + port);
  }
}
