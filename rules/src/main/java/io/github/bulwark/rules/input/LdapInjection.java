package io.github.bulwark.rules.input;

import com.github.javaparser.ast.expr.MethodCallExpr;
import io.github.bulwark.core.analysis.FileContext;
import io.github.bulwark.core.model.Family;
import io.github.bulwark.core.model.OwaspCategory;
import io.github.bulwark.core.model.Severity;
import io.github.bulwark.core.rule.Findings;
import io.github.bulwark.core.rule.NodeRule;
import io.github.bulwark.core.rule.RuleInfo;
import io.github.bulwark.core.taint.SinkKind;
import java.util.List;

/** Flags LDAP search filters and names built from untrusted input ({@code DirContext.search}, Spring {@code LdapTemplate.search}); filter arguments bound through {@code {0}} placeholders are safe. */
@RuleInfo(
    id = "LdapInjection",
    family = Family.INPUT,
    title = "LDAP query built from untrusted input",
    cwe = {90},
    owasp = OwaspCategory.A03_INJECTION,
    severity = Severity.HIGH,
    description = "Request data in an LDAP filter lets an attacker widen the search with *)(uid=*, read other entries or bypass an LDAP login.",
    fix = "Bind values through the filter-arguments form search(name, \"(uid={0})\", new Object[] {value}, controls), or escape with an LDAP encoder; validate names with InputValidator.matches.",
    helper = "io.github.bulwark.runtime.InputValidator")
public final class LdapInjection implements NodeRule<MethodCallExpr>, TaintSinks.CrossFile {

  @Override
  public Class<MethodCallExpr> nodeType() {
    return MethodCallExpr.class;
  }

  @Override
  public void check(MethodCallExpr call, FileContext file, Findings findings) {
    String name = call.getNameAsString();
    if (!name.equals("search")) {
      return; // cheap test first: most calls are not this sink
    }
    String receiver = TaintSinks.receiver(call);
    String type = TaintSinks.receiverType(call, file);
    if (call.getArguments().isEmpty()
        || !(name.equals("search") && (type.contains("DirContext") || type.contains("LdapTemplate") || type.contains("LdapContext") || receiver.matches("(?i).*(ctx|context|ldap|dircontext|template).*")))) {
      return;
    }
    TaintSinks.checkArguments(call.getArguments(), List.of(0, 1), SinkKind.LDAP, file, findings,
        "the LDAP query of " + name + "()");
  }
}
