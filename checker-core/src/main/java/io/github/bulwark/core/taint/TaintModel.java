package io.github.bulwark.core.taint;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the taint engine knows about APIs: which calls and parameters bring untrusted data in
 * (servlet requests, Spring and JAX-RS parameter annotations, both {@code javax} and
 * {@code jakarta}), which calls make data safe for which sinks, and which calls return values
 * that carry no text of their input (lengths, booleans, parsed numbers). Everything not listed
 * passes taint from its receiver and arguments to its result, the conservative default.
 */
final class TaintModel {

  private TaintModel() {}

  /** Methods of a servlet request (or a wrapper) that return client-controlled data. */
  static final Set<String> REQUEST_SOURCES = Set.of(
      "getParameter", "getParameterValues", "getParameterMap", "getParameterNames",
      "getHeader", "getHeaders", "getHeaderNames", "getCookies", "getQueryString",
      "getPathInfo", "getPathTranslated", "getRequestURI", "getRequestURL", "getReader",
      "getInputStream", "getPart", "getParts", "getTheParameter", "getTheValue", "getTheHeader", "getBody", "getContent");

  /** Request methods whose result the client does not control (or that are not data). */
  static final Set<String> REQUEST_SAFE = Set.of(
      "getSession", "getMethod", "getContextPath", "getServletContext", "getAttribute",
      "getAttributeNames", "getLocale", "getLocales", "isSecure", "getScheme", "getContentType",
      "getContentLength", "getCharacterEncoding", "isUserInRole", "getUserPrincipal",
      "getRequestDispatcher", "setAttribute", "removeAttribute", "getServerName",
      "getServerPort", "getLocalName", "getLocalPort", "getProtocol", "getDispatcherType",
      "isRequestedSessionIdValid", "getAuthType", "setCharacterEncoding", "getAsyncContext",
      "startAsync", "isAsyncStarted", "getIntHeader", "getDateHeader", "getRemotePort",
      "authenticate", "login", "logout", "changeSessionId", "getRequestedSessionId",
      "getRemoteAddr", "getRemoteHost");

  /** Parameter annotations that bind request data (Spring MVC, JAX-RS). */
  static final Set<String> SOURCE_ANNOTATIONS = Set.of(
      "RequestParam", "PathVariable", "RequestHeader", "CookieValue", "RequestBody",
      "ModelAttribute", "RequestPart", "MatrixVariable", "QueryParam", "PathParam",
      "FormParam", "HeaderParam", "CookieParam", "MatrixParam", "BeanParam", "FormDataParam");

  /** Type names whose instances are request objects. */
  static boolean isRequestType(String type) {
    String simple = type.substring(type.lastIndexOf('.') + 1);
    return simple.equals("HttpServletRequest") || simple.equals("ServletRequest")
        || simple.equals("HttpServletRequestWrapper") || simple.equals("MultipartHttpServletRequest")
        || simple.equals("WebRequest") || simple.equals("NativeWebRequest")
        || simple.equals("ServerHttpRequest") || simple.equals("HttpExchange")
        || simple.equals("SeparateClassRequest");
  }

  /** Types whose parameters are client data even without an annotation (uploads). */
  static boolean isUploadType(String type) {
    String simple = type.substring(type.lastIndexOf('.') + 1);
    return simple.equals("MultipartFile") || simple.equals("Part")
        || simple.equals("FilePart") || simple.equals("InputPart");
  }

  /** Methods whose result carries none of the input's text. */
  static final Set<String> CLEAN_RESULT = Set.of(
      "length", "size", "isEmpty", "isBlank", "equals", "equalsIgnoreCase", "contains",
      "containsKey", "containsValue", "startsWith", "endsWith", "matches", "hashCode",
      "compareTo", "compareToIgnoreCase", "indexOf", "lastIndexOf", "hasNext",
      "hasMoreElements", "hasMoreTokens", "parseInt", "parseLong", "parseDouble",
      "parseFloat", "parseShort", "parseByte", "parseBoolean", "getClass", "isPresent",
      "contentEquals", "regionMatches", "signum", "count", "anyMatch", "allMatch", "noneMatch",
      "nanoTime", "currentTimeMillis", "nextInt", "nextLong", "nextDouble", "nextBoolean",
      "ordinal", "pid", "exitValue", "waitFor", "available", "read", "exists", "delete",
      "mkdir", "mkdirs", "createNewFile", "renameTo", "lastModified", "getTimeInMillis");

  /**
   * Methods whose name says they answer yes or no ({@code isAlive}, {@code hasNext},
   * {@code canRead}): a boolean carries no injected text, whoever the receiver is.
   */
  static boolean returnsBoolean(String method) {
    return (method.startsWith("is") && method.length() > 2
            && Character.isUpperCase(method.charAt(2)))
        || (method.startsWith("has") && method.length() > 3
            && Character.isUpperCase(method.charAt(3)))
        || (method.startsWith("can") && method.length() > 3
            && Character.isUpperCase(method.charAt(3)));
  }

  /** Static factories that parse into a type that cannot carry injected text. */
  static boolean isParsingFactory(String receiver, String method) {
    String simple = receiver.substring(receiver.lastIndexOf('.') + 1);
    if (method.equals("valueOf") || method.equals("parse") || method.equals("of")
        || method.equals("fromString")) {
      return Set.of("Integer", "Long", "Short", "Byte", "Double", "Float", "Boolean",
          "BigDecimal", "BigInteger", "UUID", "LocalDate", "LocalDateTime", "LocalTime",
          "Instant", "ZonedDateTime", "OffsetDateTime", "Duration", "Period", "Year",
          "YearMonth").contains(simple)
          && !(simple.equals("UUID") && method.equals("of"));
    }
    return false;
  }

  /** Sanitizers by method name (and, where the name is ambiguous, receiver). */
  private static final Map<String, Set<SinkKind>> SANITIZERS = Map.ofEntries(
      Map.entry("encodeForHTML", EnumSet.of(SinkKind.HTML)),
      Map.entry("encodeForHTMLAttribute", EnumSet.of(SinkKind.HTML)),
      Map.entry("encodeForJavaScript", EnumSet.of(SinkKind.HTML)),
      Map.entry("encodeForCSS", EnumSet.of(SinkKind.HTML)),
      Map.entry("forHtml", EnumSet.of(SinkKind.HTML)),
      Map.entry("forHtmlContent", EnumSet.of(SinkKind.HTML)),
      Map.entry("forHtmlAttribute", EnumSet.of(SinkKind.HTML)),
      Map.entry("forHtmlUnquotedAttribute", EnumSet.of(SinkKind.HTML)),
      Map.entry("forJavaScript", EnumSet.of(SinkKind.HTML)),
      Map.entry("forJavaScriptBlock", EnumSet.of(SinkKind.HTML)),
      Map.entry("forJavaScriptAttribute", EnumSet.of(SinkKind.HTML)),
      Map.entry("forXml", EnumSet.of(SinkKind.HTML, SinkKind.XPATH)),
      Map.entry("forXmlContent", EnumSet.of(SinkKind.HTML)),
      Map.entry("forXmlAttribute", EnumSet.of(SinkKind.HTML)),
      Map.entry("forUriComponent", EnumSet.of(SinkKind.HTML, SinkKind.HEADER, SinkKind.LOG,
          SinkKind.REDIRECT, SinkKind.URL)),
      Map.entry("htmlEscape", EnumSet.of(SinkKind.HTML)),
      Map.entry("htmlEscapeDecimal", EnumSet.of(SinkKind.HTML)),
      Map.entry("htmlEscapeHex", EnumSet.of(SinkKind.HTML)),
      Map.entry("escapeHtml", EnumSet.of(SinkKind.HTML)),
      Map.entry("escapeHtml3", EnumSet.of(SinkKind.HTML)),
      Map.entry("escapeHtml4", EnumSet.of(SinkKind.HTML)),
      Map.entry("escapeXml", EnumSet.of(SinkKind.HTML)),
      Map.entry("escapeXml10", EnumSet.of(SinkKind.HTML)),
      Map.entry("escapeXml11", EnumSet.of(SinkKind.HTML)),
      Map.entry("escapeEcmaScript", EnumSet.of(SinkKind.HTML)),
      Map.entry("javaScriptEscape", EnumSet.of(SinkKind.HTML)),
      Map.entry("encodeForSQL", EnumSet.of(SinkKind.SQL)),
      Map.entry("escapeSql", EnumSet.of(SinkKind.SQL)),
      Map.entry("encodeForLDAP", EnumSet.of(SinkKind.LDAP)),
      Map.entry("encodeForDN", EnumSet.of(SinkKind.LDAP)),
      Map.entry("escapeLDAPSearchFilter", EnumSet.of(SinkKind.LDAP)),
      Map.entry("encodeForXPath", EnumSet.of(SinkKind.XPATH)),
      Map.entry("encodeForOS", EnumSet.of(SinkKind.COMMAND)),
      Map.entry("encodeForURL", EnumSet.of(SinkKind.HTML, SinkKind.HEADER, SinkKind.LOG,
          SinkKind.REDIRECT)),
      Map.entry("getName", EnumSet.of(SinkKind.PATH)),
      Map.entry("getBaseName", EnumSet.of(SinkKind.PATH)),
      Map.entry("normalizeSpace", EnumSet.noneOf(SinkKind.class)),
      Map.entry("quote", EnumSet.of(SinkKind.REGEX)),
      Map.entry("stripCrlf", EnumSet.of(SinkKind.LOG, SinkKind.HEADER)));

  /** bulwark-runtime's InputValidator encoders: each clears the sinks of its context. */
  private static final Map<String, Set<SinkKind>> INPUT_VALIDATOR_ENCODERS = Map.of(
      "html", EnumSet.of(SinkKind.HTML, SinkKind.LOG, SinkKind.HEADER),
      "htmlAttribute", EnumSet.of(SinkKind.HTML, SinkKind.LOG, SinkKind.HEADER),
      "javaScript", EnumSet.of(SinkKind.HTML, SinkKind.LOG, SinkKind.HEADER),
      "urlComponent", EnumSet.of(SinkKind.HTML, SinkKind.HEADER, SinkKind.LOG,
          SinkKind.REDIRECT),
      "safeFileName", EnumSet.of(SinkKind.PATH, SinkKind.LOG, SinkKind.HEADER),
      "resolveWithin", EnumSet.of(SinkKind.PATH));

  /** InputValidator methods that validate fully: the result is safe for every sink. */
  private static final Set<String> VALIDATORS = Set.of(
      "integer", "enumValue", "uuid", "identifier", "email", "matches", "allowList",
      "maxLength");

  /** The sink kinds a call makes its result safe for, if it is a sanitizer. */
  static Optional<Set<SinkKind>> sanitizes(String receiver, String method) {
    String simpleReceiver = receiver.substring(receiver.lastIndexOf('.') + 1);
    if (simpleReceiver.equals("InputValidator")) {
      if (VALIDATORS.contains(method)) {
        // A length limit alone makes nothing safe: "' OR 1=1 --" is short.
        return method.equals("maxLength") ? Optional.empty()
            : Optional.of(EnumSet.allOf(SinkKind.class));
      }
      return Optional.ofNullable(INPUT_VALIDATOR_ENCODERS.get(method));
    }
    if (method.equals("getName") || method.equals("getBaseName")) {
      // Only FilenameUtils strips directories; File.getName on a tainted File is still data.
      return simpleReceiver.equals("FilenameUtils")
          ? Optional.of(EnumSet.of(SinkKind.PATH)) : Optional.empty();
    }
    if (method.equals("encode") && (simpleReceiver.equals("URLEncoder")
        || receiver.endsWith("UriUtils"))) {
      return Optional.of(EnumSet.of(SinkKind.HTML, SinkKind.HEADER, SinkKind.LOG,
          SinkKind.REDIRECT, SinkKind.LDAP, SinkKind.XPATH));
    }
    if (method.equals("quote") && !simpleReceiver.equals("Pattern")) {
      return Optional.empty();
    }
    Set<SinkKind> kinds = SANITIZERS.get(method);
    return Optional.ofNullable(kinds).filter(k -> !k.isEmpty());
  }

  /** Names of methods that record their arguments into the receiver. */
  static boolean mutatesReceiver(String method) {
    String m = method.toLowerCase(Locale.ROOT);
    return m.equals("add") || m.equals("addall") || m.equals("put") || m.equals("putall")
        || m.equals("append") || m.equals("insert") || m.equals("push") || m.equals("offer")
        || m.equals("addelement") || m.equals("addfirst") || m.equals("addlast")
        || m.equals("setproperty") || m.equals("write") || m.equals("replace")
        || m.equals("putifabsent") || m.equals("computeifabsent")
        || (method.startsWith("set") && method.length() > 3
            && Character.isUpperCase(method.charAt(3)));
  }
}
