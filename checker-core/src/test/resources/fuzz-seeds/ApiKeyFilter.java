package fixtures.crypto;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/** Java 17 style: records and var. */
public class ApiKeyFilter extends OncePerRequestFilter {

  record Client(String id, String apiKeyHash, String secret) {}

  private final ClientStore clients;

  ApiKeyFilter(ClientStore clients) {
    this.clients = clients;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws IOException, jakarta.servlet.ServletException {
    var presented = request.getHeader("X-Api-Key");
    var client = clients.find(request.getHeader("X-Client-Id"));
    if (client == null || !client.secret().equals(presented)) { // expect: TimingUnsafeComparison
      response.sendError(401);
      return;
    }
    var resetToken = request.getParameter("reset");
    if (resetToken != null && resetToken.compareTo(clients.pendingResetToken(client.id())) == 0) { // expect: TimingUnsafeComparison
      clients.clearReset(client.id());
    }
    if (client.id().equals(request.getHeader("X-Client-Id"))) { // ok: a client id is not secret
      chain.doFilter(request, response);
    }
  }

  interface ClientStore {
    Client find(String id);

    String pendingResetToken(String id);

    void clearReset(String id);
  }
}
