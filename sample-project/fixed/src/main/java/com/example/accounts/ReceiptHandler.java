package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.bulwark.runtime.InputValidator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * GET /receipt?merchant=..&amount=..&next=.. shows a printable HTML receipt after a card payment,
 * then sends the browser back to the shop: every value is encoded for HTML, and the way back is
 * one of the shop pages we know.
 */
final class ReceiptHandler implements HttpHandler {

  private static final Set<String> RETURN_PAGES = Set.of("/shop", "/shop/orders", "/account");

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
    String next = query.get("next");
    if (next != null && query.get("merchant") == null) {
      exchange.getResponseHeaders().set("Location", InputValidator.identifier(next, RETURN_PAGES));
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
      return;
    }
    String merchant = InputValidator.html(query.getOrDefault("merchant", ""));
    String amount = InputValidator.html(query.getOrDefault("amount", "0.00"));
    byte[] page = ("<!doctype html><html><body><h1>Receipt</h1><p>Paid " + amount + " to "
        + merchant + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(200, page.length);
    try (OutputStream body = exchange.getResponseBody()) {
      body.write(page);
    }
  }

  private static Map<String, String> parse(String rawQuery) {
    Map<String, String> values = new HashMap<>();
    if (rawQuery == null) {
      return values;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }
}
