package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import io.github.bulwark.runtime.LoginThrottle;
import io.github.bulwark.runtime.RateLimiter;
import io.github.bulwark.runtime.SecurityLog;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

/**
 * POST /admin/login {"username", "password", "code"}: support staff log in to the back office
 * with their corporate directory (LDAP) account and their authenticator code, and get a staff
 * bearer token.
 */
final class AdminLoginHandler extends JsonHandler {

  private final SessionStore sessions;
  private final TwoFactorService twoFactor;
  private final String ldapUrl;
  private final String baseDn;
  private final LoginThrottle throttle = LoginThrottle.defaults();
  private final SecurityLog audit = SecurityLog.get();

  AdminLoginHandler(SessionStore sessions, TwoFactorService twoFactor, AppConfig config) {
    this.sessions = sessions;
    this.twoFactor = twoFactor;
    this.ldapUrl = config.get("ldap.url");
    this.baseDn = config.get("ldap.base-dn");
  }

  @Override
  Response respond(HttpExchange exchange) {
    if (!exchange.getRequestMethod().equals("POST")) {
      return methodNotAllowed();
    }
    Map<String, String> body = readJson(exchange);
    String username = required(body, "username");
    String address = exchange.getRemoteAddress().getAddress().getHostAddress();
    RateLimiter.Decision decision = throttle.check(username, address);
    if (!decision.allowed()) {
      audit.rateLimited(address);
      return new Response(429, Json.object("error", "too many attempts, try again later"));
    }
    if (!authenticate(username, required(body, "password"))) {
      throttle.recordFailure(username, address);
      audit.loginFailure(username, "bad credentials");
      return new Response(401, Json.object("error", "wrong username, password or code"));
    }
    if (!twoFactor.verify(username, body.get("code"))) {
      throttle.recordFailure(username, address);
      audit.mfaFailure(username);
      return new Response(401, Json.object("error", "wrong username, password or code"));
    }
    throttle.recordSuccess(username);
    audit.loginSuccess(username);
    return new Response(200,
        Json.object("token", sessions.issueToken(username, Duration.ofHours(8), true)));
  }

  /**
   * Finds the staff member's entry (the name bound as a filter argument, never spliced into the
   * filter), then binds as it with the password they gave. An unreachable directory is an
   * error, never a pass.
   */
  private boolean authenticate(String username, String password) {
    Hashtable<String, String> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    env.put(Context.PROVIDER_URL, ldapUrl);
    try {
      DirContext directory = new InitialDirContext(env);
      SearchControls controls = new SearchControls();
      controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
      NamingEnumeration<SearchResult> found = directory.search(baseDn,
          "(&(objectClass=inetOrgPerson)(memberOf=cn=support,ou=groups,dc=example,dc=com)"
              + "(uid={0}))", new Object[] {username}, controls);
      if (!found.hasMore()) {
        return false;
      }
      env.put(Context.SECURITY_AUTHENTICATION, "simple");
      env.put(Context.SECURITY_PRINCIPAL, found.next().getNameInNamespace());
      env.put(Context.SECURITY_CREDENTIALS, password);
      new InitialDirContext(env).close();
      return true;
    } catch (AuthenticationException e) {
      return false;
    } catch (NamingException e) {
      throw new IllegalStateException("directory lookup failed", e);
    }
  }
}
