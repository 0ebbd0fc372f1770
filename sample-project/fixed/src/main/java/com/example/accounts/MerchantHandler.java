package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import io.github.bulwark.runtime.ApiKeyRecord;
import io.github.bulwark.runtime.ApiKeys;
import io.github.bulwark.runtime.SecureHttp;
import io.github.bulwark.runtime.SecurityLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The merchant API, authenticated with the merchant's key in the {@code X-Api-Key} header
 * (ApiKeys: only SHA-256 digests stored, checked in constant time): POST /merchant/webhook
 * {"url"} registers the https URL, on one of the merchant's verified domains, that this API
 * calls when a customer pays the merchant, and sends it a test event straight away.
 */
final class MerchantHandler extends JsonHandler {

  private final ApiKeys apiKeys;
  private final Map<String, Set<String>> verifiedDomains;
  private final SecureHttp http = SecureHttp.client();
  private final Map<String, URI> webhookByMerchant = new ConcurrentHashMap<>();
  private final SecurityLog audit = SecurityLog.get();

  MerchantHandler(ApiKeys apiKeys, Map<String, Set<String>> verifiedDomains) {
    this.apiKeys = apiKeys;
    this.verifiedDomains = Map.copyOf(verifiedDomains);
  }

  @Override
  Response respond(HttpExchange exchange) {
    Optional<ApiKeyRecord> caller =
        apiKeys.verify(exchange.getRequestHeaders().getFirst("X-Api-Key"));
    if (caller.isEmpty()) {
      audit.tokenRejected("unknown", "unknown or revoked API key");
      return new Response(401, Json.object("error", "unknown API key"));
    }
    String merchantId = caller.get().metadata().get("merchant");
    if (!exchange.getRequestMethod().equals("POST")) {
      return methodNotAllowed();
    }
    URI url = verifiedWebhook(merchantId, required(readJson(exchange), "url"));
    HttpRequest ping = http.request(url)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.object("type", "webhook.test")))
        .build();
    try {
      HttpResponse<Void> answer = http.send(ping, HttpResponse.BodyHandlers.discarding());
      webhookByMerchant.put(merchantId, url);
      return new Response(201, Json.object("url", url.toString(),
          "testStatus", answer.statusCode()));
    } catch (IOException e) {
      throw new BadRequest("the webhook URL did not answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while testing the webhook", e);
    }
  }

  /** Only https URLs on a domain the merchant proved they own (DNS TXT check at onboarding). */
  private URI verifiedWebhook(String merchantId, String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new BadRequest("url is not a URL");
    }
    Set<String> domains = verifiedDomains.getOrDefault(merchantId, Set.of());
    if (!"https".equals(uri.getScheme()) || uri.getHost() == null
        || !domains.contains(uri.getHost()) || uri.getPort() != -1 || uri.getUserInfo() != null) {
      throw new BadRequest("the webhook must be an https URL on one of your verified domains");
    }
    return uri;
  }
}
