package enginegaps;

import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * ENGINE GAP: a getter called on tainted request data loses the taint when the getter's class
 * is declared in the same file.
 *
 * Expected: both lines marked "expect" are flagged (PathTraversal, SqlInjection).
 * Actual:   neither is flagged.
 * Likely cause: TaintAnalysis.applySummary treats form.getFileName() as an own call (the
 * receiver's declared type ExportForm is declared here) and applies the summary of
 * getFileName(), which only returns the field 'fileName' (joined over setFileName's parameter,
 * i.e. Taint.parameter(0) of another method, never applied). The receiver's own taint (the
 * @ModelAttribute / @RequestBody parameter) is dropped: applySummary never merges
 * scope.allTaint() into the result for instance methods whose result reads 'this' state.
 * When the DTO class lives in another file the default pass-through applies and it works.
 */
@RestController
class SameFileGetterOnTaintedReceiver {

  static class ExportForm {
    private String fileName;
    String getFileName() { return fileName; }
    void setFileName(String fileName) { this.fileName = fileName; }
  }

  java.sql.Connection connection;

  @PostMapping("/export")
  String export(@ModelAttribute ExportForm form) throws Exception {
    new java.io.PrintWriter("/reports/" + form.getFileName()).close(); // expect: PathTraversal
    return "ok";
  }

  @PostMapping("/find")
  String find(@RequestBody ExportForm form) throws Exception {
    connection.createStatement().executeQuery("SELECT * FROM f WHERE n = '" + form.getFileName() + "'"); // expect: SqlInjection
    return "ok";
  }
}
