package com.example.security;

import java.io.IOException;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.filter.OncePerRequestFilter;

public class ApiKeyAuthFilter extends OncePerRequestFilter {

  private static final String API_KEY_HEADER = "X-API-Key"; // ok: a header name
  private static final String MASTER_API_KEY = "c0ffee-5ca1ab1e-d00d-f00d-1234";

  private final ApiKeyRepository apiKeys;

  @Value("${security.api-key}")
  private String configuredApiKey;

  ApiKeyAuthFilter(ApiKeyRepository apiKeys) {
    this.apiKeys = apiKeys;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    String presentedKey = request.getHeader(API_KEY_HEADER); // ok: read from a header
    if (presentedKey == null) {
      presentedKey = request.getParameter("api_key"); // expect: UnsafeApiKeyHandling
    }
    if (MASTER_API_KEY.equals(presentedKey)) { // expect: UnsafeApiKeyHandling
      chain.doFilter(request, response);
      return;
    }
    if (apiKeys.findByApiKey(presentedKey).isPresent()) { // expect: UnsafeApiKeyHandling
      chain.doFilter(request, response);
      return;
    }
    if (API_KEY_HEADER.equals("X-API-Key")) { // ok: compares header names
      response.sendError(401);
    }
  }

  boolean legacyCheck(String apiKey) {
    return apiKey.equals(configuredApiKey); // expect: UnsafeApiKeyHandling
  }
}
