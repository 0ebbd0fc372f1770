package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import io.github.bulwark.runtime.SecurityLog;

/** POST /cards {"number": "4111111111111111"} saves a card for later top-ups. */
final class CardsHandler extends JsonHandler {

  private final SessionStore sessions;
  private final CardVault vault;

  CardsHandler(SessionStore sessions, CardVault vault) {
    this.sessions = sessions;
    this.vault = vault;
  }

  @Override
  Response respond(HttpExchange exchange) {
    if (!exchange.getRequestMethod().equals("POST")) {
      return methodNotAllowed();
    }
    if (sessions.userFor(exchange).isEmpty()) {
      SecurityLog.get().accessDenied("anonymous", "/cards");
      return new Response(401, Json.object("error", "log in first"));
    }
    String number = required(readJson(exchange), "number").replace(" ", "");
    if (!number.matches("[0-9]{12,19}")) {
      throw new BadRequest("number must be 12 to 19 digits");
    }
    String cardId = vault.store(number);
    return new Response(201, Json.object("cardId", cardId,
        "last4", number.substring(number.length() - 4)));
  }
}
