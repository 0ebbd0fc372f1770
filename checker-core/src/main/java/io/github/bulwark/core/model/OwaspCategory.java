package io.github.bulwark.core.model;

/** The OWASP Top 10 (2021) categories a rule can belong to. */
public enum OwaspCategory {
  A01_BROKEN_ACCESS_CONTROL("A01:2021", "Broken Access Control"),
  A02_CRYPTOGRAPHIC_FAILURES("A02:2021", "Cryptographic Failures"),
  A03_INJECTION("A03:2021", "Injection"),
  A04_INSECURE_DESIGN("A04:2021", "Insecure Design"),
  A05_SECURITY_MISCONFIGURATION("A05:2021", "Security Misconfiguration"),
  A06_VULNERABLE_COMPONENTS("A06:2021", "Vulnerable and Outdated Components"),
  A07_IDENTIFICATION_AUTHENTICATION_FAILURES(
      "A07:2021", "Identification and Authentication Failures"),
  A08_SOFTWARE_DATA_INTEGRITY_FAILURES("A08:2021", "Software and Data Integrity Failures"),
  A09_SECURITY_LOGGING_MONITORING_FAILURES(
      "A09:2021", "Security Logging and Monitoring Failures"),
  A10_SERVER_SIDE_REQUEST_FORGERY("A10:2021", "Server-Side Request Forgery");

  private final String code;
  private final String title;

  OwaspCategory(String code, String title) {
    this.code = code;
    this.title = title;
  }

  /** For example {@code A02:2021}. */
  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  /** The category's page on owasp.org. */
  public String uri() {
    String number = code.substring(0, 3);
    return "https://owasp.org/Top10/" + number + "_2021-" + title.replace(' ', '_') + "/";
  }
}
