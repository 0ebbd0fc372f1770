package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import io.github.bulwark.runtime.SecurityLog;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * GET /transactions?merchant=coffee&matching=starbucks lists the caller's transactions,
 * filtered by merchant name and by text the merchant name must contain (taken literally).
 */
final class TransactionsHandler extends JsonHandler {

  private final SessionStore sessions;
  private final TransactionRepository transactions;

  TransactionsHandler(SessionStore sessions, TransactionRepository transactions) {
    this.sessions = sessions;
    this.transactions = transactions;
  }

  @Override
  Response respond(HttpExchange exchange) {
    if (!exchange.getRequestMethod().equals("GET")) {
      return methodNotAllowed();
    }
    String userId = sessions.userFor(exchange).orElse(null);
    if (userId == null) {
      SecurityLog.get().accessDenied("anonymous", "/transactions");
      return new Response(401, Json.object("error", "log in first"));
    }
    Map<String, String> query = query(exchange);
    try {
      List<Transaction> found = transactions.search(userId, query.getOrDefault("merchant", ""));
      String matching = query.get("matching");
      if (matching != null) {
        Pattern pattern = Pattern.compile(Pattern.quote(matching), Pattern.CASE_INSENSITIVE);
        found = found.stream().filter(t -> pattern.matcher(t.merchant()).find()).toList();
      }
      return new Response(200,
          found.stream().map(Transaction::toJson).collect(Collectors.joining(",", "[", "]")));
    } catch (SQLException e) {
      throw new IllegalStateException("transaction search failed", e);
    }
  }
}
