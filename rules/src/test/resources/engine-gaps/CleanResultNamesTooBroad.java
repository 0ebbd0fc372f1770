package enginegaps;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import com.example.dto.SearchRequest;

/**
 * ENGINE GAP: TaintModel.CLEAN_RESULT lists method names whose result "carries none of the
 * input's text" by name alone, whatever the receiver. getStatus() (meant for
 * HttpServletResponse.getStatus(), an int) is also the getter of a DTO's String field, and
 * getTime() likewise; a @RequestBody DTO's getStatus() is request text.
 *
 * Expected: the line marked "expect" is flagged (SqlInjection).
 * Actual:   not flagged; Calls.evaluate step 4 returns Value.UNKNOWN for any call named
 * getStatus.
 * Suggested fix: only treat getStatus/getTime/count/exists... as clean on receivers whose
 * declared type is known to return a primitive (HttpServletResponse, Date, File), or drop the
 * getter-shaped names from CLEAN_RESULT.
 */
@RestController
class CleanResultNamesTooBroad {
  private jakarta.persistence.EntityManager em;

  @PostMapping("/orders/search")
  Object search(@RequestBody SearchRequest request) {
    String jpql = "SELECT o FROM Order o WHERE o.status = '" + request.getStatus() + "'";
    return em.createQuery(jpql).getResultList(); // expect: SqlInjection
  }
}
