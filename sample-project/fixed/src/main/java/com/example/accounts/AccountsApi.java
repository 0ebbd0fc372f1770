package com.example.accounts;

import com.sun.net.httpserver.HttpServer;
import io.github.bulwark.runtime.ApiKeyStore;
import io.github.bulwark.runtime.ApiKeys;
import io.github.bulwark.runtime.PasswordHasher;
import io.github.bulwark.runtime.Secrets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the accounts API: users, login sessions and payments, on the JDK's HTTP server. */
public final class AccountsApi {

  private static final Logger LOG = LoggerFactory.getLogger(AccountsApi.class);

  private AccountsApi() {}

  public static void main(String[] args) throws IOException {
    AppConfig config = AppConfig.load();
    int port = Integer.parseInt(config.get("server.port"));

    Database database = new Database(config);
    UserRepository users = new UserRepository();
    PasswordHasher hasher = PasswordHasher.bcrypt(12);
    SessionStore sessions = new SessionStore(Duration.ofMinutes(30));
    TwoFactorService twoFactor = new TwoFactorService();
    TransactionRepository transactions = new TransactionRepository(database);
    PaymentClient payments = new PaymentClient(URI.create(config.get("payments.url")));
    FraudCheckClient fraud = new FraudCheckClient();
    BankFeedClient bankFeed = new BankFeedClient(URI.create(config.get("bank-feed.url")));
    byte[] webhookKey =
        Base64.getDecoder().decode(Secrets.require("PAYMENTS_WEBHOOK_KEY").reveal());
    ApiKeys merchantKeys = ApiKeys.using(ApiKeyStore.inMemory());
    Mailer mailer = new Mailer(Path.of(config.get("mail.outbox")));

    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/users", new UsersHandler(users, hasher, sessions, twoFactor));
    server.createContext("/login", new LoginHandler(users, hasher, sessions, twoFactor));
    server.createContext("/receipt", new ReceiptHandler());
    server.createContext("/password-reset", new PasswordResetHandler(users, hasher,
        new PasswordHistory(database, hasher), mailer));
    server.createContext("/payments/batch", new BatchPaymentsHandler(sessions, payments));
    server.createContext("/payments", new PaymentsHandler(users, sessions, payments, fraud));
    server.createContext("/cards", new CardsHandler(sessions, new CardVault()));
    server.createContext("/transactions", new TransactionsHandler(sessions, transactions));
    server.createContext("/statements",
        new StatementsHandler(sessions, Path.of(config.get("statements.dir"))));
    server.createContext("/exports", new ExportHandler(sessions, transactions));
    server.createContext("/merchant", new MerchantHandler(merchantKeys, Map.of()));
    server.createContext("/webhooks/payments", new ProviderWebhookHandler(users, webhookKey));
    server.createContext("/admin/login", new AdminLoginHandler(sessions, twoFactor, config));
    server.createContext("/admin", new AdminHandler(sessions, users));
    server.createContext("/reconciliation", new ReconciliationHandler(sessions));
    server.setExecutor(Executors.newFixedThreadPool(8));
    sessions.startReaper();
    Executors.newSingleThreadScheduledExecutor().scheduleAtFixedRate(
        () -> LOG.info("bank feed: {} bytes", bankFeed.fetchDaily().length),
        0, 1, TimeUnit.DAYS);
    server.start();
    LOG.info("accounts API listening on port {}", port);
  }
}
