package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;

/**
 * The back office for support staff (logged in through {@link AdminLoginHandler}):
 * POST /admin/act-as {"accountId"} to look at the API as a customer sees it during a support call.
 */
final class AdminHandler extends JsonHandler {

  private final SessionStore sessions;

  AdminHandler(SessionStore sessions) {
    this.sessions = sessions;
  }

  @Override
  Response respond(HttpExchange exchange) {
    if (!exchange.getRequestMethod().equals("POST")) {
      return methodNotAllowed();
    }
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/admin/act-as")) {
      SessionStore.Session session = sessions.sessionFor(exchange)
          .filter(SessionStore.Session::staff).orElse(null);
      if (session == null) {
        return new Response(403, Json.object("error", "staff only"));
      }
      String accountId = required(readJson(exchange), "accountId");
      session.setAttribute("actingFor", accountId);
      return new Response(200, Json.object("actingFor", accountId));
    }
    return new Response(404, Json.object("error", "not found"));
  }
}
