package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The merchant API, authenticated with the merchant's key in the {@code api_key} query
 * parameter: POST /merchant/webhook {"url"} registers the URL this API calls when a customer
 * pays the merchant, and sends it a test event straight away.
 */
final class MerchantHandler extends JsonHandler {

  private final MerchantKeys keys;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, String> webhookByMerchant = new ConcurrentHashMap<>();

  MerchantHandler(MerchantKeys keys) {
    this.keys = keys;
  }

  @Override
  Response respond(HttpExchange exchange) {
    String apiKey = query(exchange).get("api_key");
    String merchantId = apiKey == null ? null : keys.findByApiKey(apiKey).orElse(null);
    if (merchantId == null) {
      return new Response(401, Json.object("error", "unknown API key"));
    }
    if (!exchange.getRequestMethod().equals("POST")) {
      return methodNotAllowed();
    }
    String url = required(readJson(exchange), "url");
    HttpRequest ping = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.object("type", "webhook.test")))
        .build();
    try {
      HttpResponse<String> answer = http.send(ping, HttpResponse.BodyHandlers.ofString());
      webhookByMerchant.put(merchantId, url);
      return new Response(201, Json.object("url", url, "testStatus", answer.statusCode(),
          "testResponse", answer.body()));
    } catch (IOException e) {
      throw new BadRequest("the webhook URL did not answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while testing the webhook", e);
    }
  }
}
