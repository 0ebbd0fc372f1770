package com.example.accounts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Starts the accounts API: users, login sessions and payments, on the JDK's HTTP server. */
public final class AccountsApi {

  private AccountsApi() {}

  public static void main(String[] args) throws IOException {
    AppConfig config = AppConfig.load();
    int port = Integer.parseInt(config.get("server.port"));

    Database database = new Database(config);
    UserRepository users = new UserRepository();
    PasswordService passwords = new PasswordService();
    SessionStore sessions = new SessionStore(Duration.ofMinutes(30));
    TwoFactorService twoFactor = new TwoFactorService();
    TransactionRepository transactions = new TransactionRepository(database);
    PaymentClient payments = new PaymentClient(URI.create(config.get("payments.url")));
    FraudCheckClient fraud = new FraudCheckClient();
    BankFeedClient bankFeed = new BankFeedClient(URI.create(config.get("bank-feed.url")).toURL());
    byte[] webhookKey = config.get("payments.webhook-key").getBytes(StandardCharsets.UTF_8);

    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/users", new UsersHandler(users, passwords, sessions, twoFactor));
    server.createContext("/login", new LoginHandler(users, passwords, sessions, twoFactor));
    server.createContext("/receipt", new ReceiptHandler());
    server.createContext("/password-reset",
        new PasswordResetHandler(users, passwords, new PasswordHistory(database)));
    server.createContext("/payments/batch", new BatchPaymentsHandler(sessions, payments));
    server.createContext("/payments", new PaymentsHandler(users, sessions, payments, fraud));
    server.createContext("/cards", new CardsHandler(sessions, new CardVault()));
    server.createContext("/transactions", new TransactionsHandler(sessions, transactions));
    server.createContext("/statements",
        new StatementsHandler(sessions, Path.of(config.get("statements.dir"))));
    server.createContext("/exports", new ExportHandler(sessions, transactions));
    server.createContext("/merchant", new MerchantHandler(new MerchantKeys()));
    server.createContext("/webhooks/payments", new ProviderWebhookHandler(users, webhookKey));
    server.createContext("/admin/login", new AdminLoginHandler(sessions, config));
    server.createContext("/admin", new AdminHandler(sessions));
    server.createContext("/reconciliation", new ReconciliationHandler(sessions));
    server.setExecutor(Executors.newFixedThreadPool(8));
    sessions.startReaper();
    Executors.newSingleThreadScheduledExecutor().scheduleAtFixedRate(
        () -> System.out.println("bank feed: " + bankFeed.fetchDaily().length + " bytes"),
        0, 1, TimeUnit.DAYS);
    server.start();
    System.out.println("accounts API listening on port " + port);
  }
}
