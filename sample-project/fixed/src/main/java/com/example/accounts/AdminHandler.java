package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import io.github.bulwark.runtime.InputValidator;
import io.github.bulwark.runtime.SecurityLog;
import java.util.Map;

/**
 * The back office for support staff (logged in through {@link AdminLoginHandler}):
 * POST /admin/act-as {"accountId"} to look at the API as a customer sees it during a support call.
 */
final class AdminHandler extends JsonHandler {

  private final SessionStore sessions;
  private final UserRepository users;
  private final SecurityLog audit = SecurityLog.get();

  AdminHandler(SessionStore sessions, UserRepository users) {
    this.sessions = sessions;
    this.users = users;
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
        audit.accessDenied("anonymous", "/admin/act-as");
        return new Response(403, Json.object("error", "staff only"));
      }
      String accountId = InputValidator.uuid(required(readJson(exchange), "accountId")).toString();
      if (users.find(accountId).isEmpty()) {
        throw new BadRequest("no such account");
      }
      session.setAttribute("actingFor", accountId);
      audit.event("support.act_as", Map.of("staff", session.userId(), "account", accountId));
      return new Response(200, Json.object("actingFor", accountId));
    }
    return new Response(404, Json.object("error", "not found"));
  }
}
