package io.github.bulwark.rules.input;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Flags XML parsers and factories created without switching off DTDs or external entities:
 * {@code DocumentBuilderFactory}, {@code SAXParserFactory}, {@code XMLInputFactory},
 * {@code TransformerFactory}, {@code SchemaFactory}, {@code XMLReader}, dom4j
 * {@code SAXReader}, JDOM {@code SAXBuilder}. Not a taint rule: any document may come from
 * outside. Hardening calls on the same variable anywhere in the method count.
 */
@RuleInfo(
    id = "XmlExternalEntities",
    family = Family.INPUT,
    title = "XML parser resolves external entities",
    cwe = {611},
    owasp = OwaspCategory.A05_SECURITY_MISCONFIGURATION,
    severity = Severity.HIGH,
    description = "A parser that processes DTDs and external entities lets a document read "
        + "local files (file:///etc/passwd), call internal URLs, or exhaust memory with nested "
        + "entities (billion laughs).",
    fix = "Disable DTDs before parsing: factory.setFeature(\"http://apache.org/xml/features/"
        + "disallow-doctype-decl\", true), or for StAX set SUPPORT_DTD and "
        + "IS_SUPPORTING_EXTERNAL_ENTITIES to false; InputValidator documents the settings.",
    helper = "io.github.bulwark.runtime.InputValidator")
public final class XmlExternalEntities implements NodeRule<Node> {

  /** Factory method or constructor -> the parser kind it creates. */
  private static final Map<String, String> FACTORIES = Map.of(
      "DocumentBuilderFactory", "newInstance",
      "SAXParserFactory", "newInstance",
      "XMLInputFactory", "newInstance",
      "TransformerFactory", "newInstance",
      "SchemaFactory", "newInstance",
      "XMLReaderFactory", "createXMLReader",
      "SAXTransformerFactory", "newInstance");
  /** Any of these in the method, on the factory, hardens it. */
  private static final Pattern HARDENING = Pattern.compile(
      "(?s).*(disallow-doctype-decl|external-general-entities|external-parameter-entities|"
          + "load-external-dtd|ACCESS_EXTERNAL_DTD|ACCESS_EXTERNAL_SCHEMA|"
          + "ACCESS_EXTERNAL_STYLESHEET|SUPPORT_DTD|IS_SUPPORTING_EXTERNAL_ENTITIES|"
          + "supportDTD|javax\\.xml\\.stream\\.isSupportingExternalEntities|"
          + "setExpandEntityReferences|FEATURE_SECURE_PROCESSING|setEntityResolver|"
          + "setXMLResolver|disallowDoctypeDecl).*");

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
    String kind;
    if (node instanceof MethodCallExpr call) {
      String receiver = TaintSinks.receiver(call);
      String simple = receiver.substring(receiver.lastIndexOf('.') + 1);
      String factoryMethod = FACTORIES.get(simple);
      if (factoryMethod == null || !factoryMethod.equals(call.getNameAsString())) {
        return;
      }
      kind = simple;
    } else {
      String type = ((ObjectCreationExpr) node).getType().getNameAsString();
      if (!type.equals("SAXReader") && !type.equals("SAXBuilder")) {
        return;
      }
      kind = type;
    }
    if (file.isTestCode() || hardened((Expression) node, file)) {
      return;
    }
    findings.report(node, "%s is created without disabling DTDs and external entities", kind);
  }

  /** A hardening call on the variable that holds the factory, in the same method. */
  private static boolean hardened(Expression created, FileContext file) {
    Optional<String> variable = holder(created);
    Optional<Node> scope = created.findAncestor(CallableDeclaration.class).map(m -> (Node) m)
        .or(() -> created.findAncestor(com.github.javaparser.ast.body.TypeDeclaration.class)
            .map(t -> (Node) t));
    if (scope.isEmpty()) {
      return false;
    }
    if (variable.isEmpty()) {
      // Chained use (DocumentBuilderFactory.newInstance().newDocumentBuilder()): look at the
      // whole method rather than give up.
      return HARDENING.matcher(scope.get().toString()).matches();
    }
    return scope.get().findAll(MethodCallExpr.class).stream()
        .filter(c -> c.getScope().map(s -> s instanceof NameExpr n
            && n.getNameAsString().equals(variable.get())).orElse(false))
        .anyMatch(c -> HARDENING.matcher(c.toString()).matches()
            || c.getArguments().stream().anyMatch(a -> file.constantString(a)
                .map(v -> HARDENING.matcher(v).matches()).orElse(false)));
  }

  private static Optional<String> holder(Expression created) {
    Optional<Node> parent = created.getParentNode();
    if (parent.isPresent() && parent.get() instanceof VariableDeclarator variable) {
      return Optional.of(variable.getNameAsString());
    }
    if (parent.isPresent() && parent.get() instanceof AssignExpr assign) {
      return Optional.of(assign.getTarget().toString().replace("this.", ""));
    }
    return Optional.empty();
  }
}
