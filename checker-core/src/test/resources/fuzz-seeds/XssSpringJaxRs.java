package fixtures.input;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.owasp.encoder.Encode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** Reflected XSS through Spring response bodies. */
@RestController
@RequestMapping("/greet")
class GreetingController {

  record Comment(String author, String text) {}

  @GetMapping
  String hello(@RequestParam String name) {
    return "<h1>Hello " + name + "</h1>"; // expect: CrossSiteScripting
  }

  @GetMapping("/safe")
  String helloSafe(@RequestParam String name) {
    return "<h1>Hello " + HtmlUtils.htmlEscape(name) + "</h1>"; // ok: HTML-escaped
  }

  @GetMapping("/{who}")
  ResponseEntity<String> who(@PathVariable String who) {
    return ResponseEntity.ok("<p>" + who + "</p>"); // expect: CrossSiteScripting
  }

  @GetMapping(value = "/json", produces = MediaType.APPLICATION_JSON_VALUE)
  String json(@RequestParam String name) {
    return "{\"name\":\"" + name.replace("\"", "") + "\"}"; // ok: served as JSON, not HTML
  }

  @PostMapping("/comment")
  String comment(@RequestBody Comment comment) {
    String text = """
        <div class="comment">%s</div>
        """.formatted(comment.text());
    return text; // expect: CrossSiteScripting
  }

  @GetMapping("/agent")
  String agent(@RequestHeader("User-Agent") String agent) {
    var encoded = Encode.forHtml(agent);
    return "<pre>" + encoded + "</pre>"; // ok: HTML-encoded
  }

  @GetMapping("/count")
  String count(@RequestParam String n) {
    int count = Integer.parseInt(n);
    return "<b>" + count + "</b>"; // ok: a number
  }

  @GetMapping("/raw")
  void raw(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String q = request.getParameter("q");
    response.getWriter().write("<p>" + q + "</p>"); // expect: CrossSiteScripting
  }
}

/** A classic @Controller: only @ResponseBody methods write their return value. */
@Controller
class PageController {

  @GetMapping("/page")
  String page(@RequestParam String view) {
    return "pages/home"; // ok: a constant view name
  }

  @GetMapping("/echo")
  @ResponseBody
  String echo(@RequestParam("msg") String msg) {
    return msg; // expect: CrossSiteScripting
  }
}

/** JAX-RS resources producing HTML. */
@jakarta.ws.rs.Path("/search")
class SearchResource {

  @GET
  @Produces(MediaType.TEXT_HTML)
  public String search(@QueryParam("q") String q) {
    return "<p>No results for " + q + "</p>"; // expect: CrossSiteScripting
  }

  @GET
  @jakarta.ws.rs.Path("/encoded")
  @Produces("text/html")
  public String searchEncoded(@QueryParam("q") String q) {
    return "<p>No results for " + Encode.forHtml(q) + "</p>"; // ok: HTML-encoded
  }

  @GET
  @jakarta.ws.rs.Path("/plain")
  @Produces(MediaType.TEXT_PLAIN)
  public String searchPlain(@QueryParam("q") String q) {
    return "No results for " + q; // ok: plain text is not rendered as HTML
  }

  @POST
  @Produces(MediaType.TEXT_HTML)
  public String preview(String body) {
    return "<article>" + body + "</article>"; // expect: CrossSiteScripting
  }
}
