package io.github.bulwark.rules.input;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import io.github.bulwark.core.taint.SinkKind;
import java.util.List;
import java.util.Optional;

/**
 * Flags Java deserialization of request data ({@code ObjectInputStream.readObject} on a stream
 * built from the request) and, whatever the input, {@code XMLDecoder}, which runs any method the
 * document names. A stream with an {@code ObjectInputFilter} set in the method is not flagged.
 */
@RuleInfo(
    id = "UnsafeDeserialization",
    family = Family.INPUT,
    title = "Deserialization of untrusted data",
    cwe = {502},
    owasp = OwaspCategory.A08_SOFTWARE_DATA_INTEGRITY_FAILURES,
    severity = Severity.CRITICAL,
    description = "Deserializing attacker-supplied bytes instantiates attacker-chosen classes: "
        + "gadget chains in common libraries turn that into remote code execution.",
    fix = "Exchange data as JSON or another format with a fixed schema; if Java serialization "
        + "cannot be avoided, read through SafeObjectInput.allowing(in, Order.class), which "
        + "refuses every class not on the allow-list before it is built.",
    helper = "io.github.bulwark.runtime.SafeObjectInput")
public final class UnsafeDeserialization implements NodeRule<Node>, TaintSinks.CrossFile {

  @Override
  public Class<Node> nodeType() {
    return Node.class;
  }

  @Override
  public List<Class<? extends Node>> nodeTypes() {
    return List.of(MethodCallExpr.class, ObjectCreationExpr.class);
  }

  @Override
  public void check(Node node, FileContext file, Findings findings) {
    if (node instanceof ObjectCreationExpr creation) {
      if (creation.getType().getNameAsString().equals("XMLDecoder")) {
        findings.report(creation, "XMLDecoder runs whatever methods the XML names; never feed "
            + "it data from outside");
      } else if (creation.getType().getNameAsString().equals("ObjectInputStream")
          && creation.getArguments().size() == 1 && !filtered(creation)) {
        TaintSinks.check(creation.getArgument(0), SinkKind.DESERIALIZATION, file, findings,
            "new ObjectInputStream() (then readObject)");
      }
      return;
    }
    MethodCallExpr call = (MethodCallExpr) node;
    String name = call.getNameAsString();
    if ((name.equals("fromXML") && TaintSinks.receiver(call).matches("(?i).*xstream.*"))
        || (name.equals("readValue") && TaintSinks.receiver(call).matches("(?i).*mapper.*")
            && enablesDefaultTyping(file))) {
      TaintSinks.checkArguments(call.getArguments(), List.of(0), SinkKind.DESERIALIZATION,
          file, findings, name + "()");
    }
  }

  /** setObjectInputFilter on the same variable in the enclosing method. */
  private static boolean filtered(ObjectCreationExpr creation) {
    Optional<String> variable = creation.getParentNode()
        .filter(p -> p instanceof com.github.javaparser.ast.body.VariableDeclarator)
        .map(p -> ((com.github.javaparser.ast.body.VariableDeclarator) p).getNameAsString());
    Optional<Node> method = creation.findAncestor(
        com.github.javaparser.ast.body.CallableDeclaration.class).map(m -> (Node) m);
    if (variable.isEmpty() || method.isEmpty()) {
      return false;
    }
    return method.get().findAll(MethodCallExpr.class).stream()
        .anyMatch(c -> c.getNameAsString().equals("setObjectInputFilter")
            && c.getScope().map(s -> s instanceof NameExpr n
                && n.getNameAsString().equals(variable.get())).orElse(false));
  }

  private static boolean enablesDefaultTyping(FileContext file) {
    return !file.callsNamed("enableDefaultTyping").isEmpty()
        || !file.callsNamed("activateDefaultTyping").isEmpty();
  }
}
