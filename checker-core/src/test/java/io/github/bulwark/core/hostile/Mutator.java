package io.github.bulwark.core.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded mutations of Java source text, the shapes that break parsers and analysers: token
 * deletions and duplications, deep nesting, huge literals, unicode escapes (a {@code \u0022}
 * ends a string literal, since escapes are decoded before lexing), bidirectional controls, NUL,
 * truncation, splices from other seeds. The same seed gives the same mutants.
 */
final class Mutator {

  // No alternation inside a repetition: on a huge literal that recurses per character.
  private static final Pattern TOKEN =
      Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*+|[0-9][0-9A-Za-z_.]*+|\\s++|.", Pattern.DOTALL);
  private static final Pattern IDENTIFIER = Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_]{2,}\\b");

  private static final String[] BIDI = {
      "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069",
      "\u200E", "\u200F", "\u061C"};
  private static final String[] WORDS = {
      "class ", "record ", "enum ", "interface ", "@interface ", "->", "::", "...", "<", ">",
      ">>>=", "yield ", "switch (x) { case 1 -> 2; }", "sealed ", "permits ", "non-sealed ",
      "var ", "this(", "super.", "new ", "[]", "@Override ", "\"\"\"\n", "'", "/*", "*/", "//",
      "instanceof String s && ", "case null, default -> ", "when ", "_ ", "record R(int a) {}",
      "static { danger(request.getParameter(\"x\")); }", "Object o = (Runnable & java.io"
          + ".Serializable) () -> {};", "import static java.lang.Math.*;", "module m { }",
      "int[] a = {1,,2};", "goto ", "const ", "strictfp ", "transient ", "volatile ",
  };

  private final Random random;
  private final List<String> seeds;
  private final int maxNesting;
  private final int maxLiteral;
  private final int maxAnonymousNesting;

  Mutator(Random random, List<String> seeds, int maxNesting, int maxLiteral,
      int maxAnonymousNesting) {
    this.random = random;
    this.seeds = seeds;
    this.maxNesting = maxNesting;
    this.maxLiteral = maxLiteral;
    this.maxAnonymousNesting = maxAnonymousNesting;
  }

  /** A mutant of a random seed: one to four mutations, described in {@code log}. */
  String mutant(List<String> log) {
    String text = seeds.get(random.nextInt(seeds.size()));
    int count = 1 + random.nextInt(4);
    for (int i = 0; i < count; i++) {
      text = mutate(text, log);
    }
    return text;
  }

  private String mutate(String text, List<String> log) {
    int kind = random.nextInt(14);
    switch (kind) {
      case 0, 1 -> {
        List<int[]> tokens = tokens(text);
        int[] token = tokens.get(random.nextInt(tokens.size()));
        log.add("delete token at " + token[0]);
        return text.substring(0, token[0]) + text.substring(token[1]);
      }
      case 2 -> {
        List<int[]> tokens = tokens(text);
        int from = random.nextInt(tokens.size());
        int to = Math.min(tokens.size() - 1, from + random.nextInt(6));
        String span = text.substring(tokens.get(from)[0], tokens.get(to)[1]);
        int times = 1 + random.nextInt(random.nextBoolean() ? 3 : 200);
        log.add("duplicate " + (to - from + 1) + " tokens x" + times + " at "
            + tokens.get(from)[0]);
        return text.substring(0, tokens.get(to)[1]) + span.repeat(times)
            + text.substring(tokens.get(to)[1]);
      }
      case 3 -> {
        int depth = 1 + random.nextInt(maxNesting);
        int at = randomIndexOf(text, ';');
        int shape = random.nextInt(4);
        if (shape == 3) {
          // JavaParser's lookahead is exponential in nested anonymous classes (twice the time
          // per level: 16 levels take seconds); the engine's time limit cuts such a file off,
          // but the parser thread cannot be stopped, so only long runs nest them deeply.
          depth = 1 + random.nextInt(maxAnonymousNesting);
        }
        String[] pair = switch (shape) {
          case 0 -> new String[] {"{", "}"};
          case 1 -> new String[] {"if (a) {", "}"};
          case 2 -> new String[] {"x = (", ")"};
          default -> new String[] {"new Object() { void m() {", "}};"};
        };
        log.add("nest " + pair[0] + " x" + depth + " at " + at);
        String nested = pair[0].repeat(depth) + " danger(q); " + pair[1].repeat(depth);
        int after = Math.min(at + 1, text.length());
        return text.substring(0, after) + nested + text.substring(after);
      }
      case 4 -> {
        int length = 1 + random.nextInt(maxLiteral);
        String literal = random.nextBoolean() ? "\"" + "A\\n\\\"".repeat(length / 4 + 1) + "\""
            : "1".repeat(length) + (random.nextBoolean() ? "L" : ".5e999");
        List<int[]> found = stringLiterals(text);
        if (found.isEmpty()) {
          return text;
        }
        int[] target = found.get(random.nextInt(found.size()));
        log.add("huge literal of " + literal.length() + " at " + target[0]);
        return text.substring(0, target[0]) + literal + text.substring(target[1]);
      }
      case 5 -> {
        // A unicode-escaped quote: inside a literal it ends the literal early.
        if (text.isEmpty()) {
          return "\\u0022";
        }
        int at = Math.min(randomIndexOf(text, '"'), text.length() - 1);
        String escape = random.nextBoolean() ? "\\u0022" : "\\uuu0022";
        log.add("escape quote at " + at);
        return random.nextBoolean() ? text.substring(0, at) + escape + text.substring(at + 1)
            : text.substring(0, at + 1) + escape + text.substring(at + 1);
      }
      case 6 -> {
        // An identifier spelled with escapes: the same name to javac, not to a naive matcher.
        Matcher names = IDENTIFIER.matcher(text);
        List<int[]> found = new ArrayList<>();
        while (names.find()) {
          found.add(new int[] {names.start(), names.end()});
        }
        if (found.isEmpty()) {
          return text;
        }
        int[] name = found.get(random.nextInt(found.size()));
        int at = name[0] + random.nextInt(name[1] - name[0]);
        String escaped = String.format("\\u%04x", (int) text.charAt(at));
        if (random.nextInt(4) == 0) {
          escaped = "\\u"; // a broken escape
        }
        log.add("escape identifier char at " + at);
        return text.substring(0, at) + escaped + text.substring(at + 1);
      }
      case 7 -> {
        int at = random.nextInt(text.length() + 1);
        String bidi = BIDI[random.nextInt(BIDI.length)];
        log.add("bidi " + Integer.toHexString(bidi.charAt(0)) + " at " + at);
        return text.substring(0, at) + bidi + text.substring(at);
      }
      case 8 -> {
        int at = random.nextInt(text.length() + 1);
        log.add("NUL at " + at);
        return text.substring(0, at) + "\0" + text.substring(at);
      }
      case 9 -> {
        int at = random.nextInt(text.length() + 1);
        log.add("truncate at " + at);
        return text.substring(0, at);
      }
      case 10 -> {
        String other = seeds.get(random.nextInt(seeds.size()));
        int from = random.nextInt(other.length());
        int to = Math.min(other.length(), from + random.nextInt(400));
        int at = random.nextInt(text.length() + 1);
        log.add("splice " + (to - from) + " chars at " + at);
        return text.substring(0, at) + other.substring(from, to) + text.substring(at);
      }
      case 11 -> {
        int at = random.nextInt(text.length() + 1);
        String word = WORDS[random.nextInt(WORDS.length)];
        log.add("insert '" + word + "' at " + at);
        return text.substring(0, at) + word + text.substring(at);
      }
      case 12 -> {
        String[] lines = text.split("\n", -1);
        int a = random.nextInt(lines.length);
        int b = random.nextInt(lines.length);
        String line = lines[a];
        lines[a] = lines[b];
        lines[b] = line;
        log.add("swap lines " + (a + 1) + " and " + (b + 1));
        return String.join("\n", lines);
      }
      default -> {
        int at = random.nextInt(text.length() + 1);
        String odd = switch (random.nextInt(5)) {
          case 0 -> "\uD800"; // a lone surrogate: written as '?' in UTF-8
          case 1 -> "\r";
          case 2 -> "\u2028";
          case 3 -> "\uFEFF";
          default -> "\u001A";
        };
        log.add("odd char " + Integer.toHexString(odd.charAt(0)) + " at " + at);
        return text.substring(0, at) + odd + text.substring(at);
      }
    }
  }

  private int randomIndexOf(String text, char c) {
    List<Integer> found = new ArrayList<>();
    for (int i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) {
      found.add(i);
    }
    return found.isEmpty() ? random.nextInt(text.length() + 1)
        : found.get(random.nextInt(found.size()));
  }

  /** Start and end of each one-line string literal, by hand (see {@link #TOKEN}). */
  private static List<int[]> stringLiterals(String text) {
    List<int[]> found = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (start < 0) {
        if (c == '"') {
          start = i;
        }
      } else if (c == '\\') {
        i++;
      } else if (c == '\n') {
        start = -1;
      } else if (c == '"') {
        found.add(new int[] {start, i + 1});
        start = -1;
      }
    }
    return found;
  }

  private static List<int[]> tokens(String text) {
    List<int[]> tokens = new ArrayList<>();
    Matcher matcher = TOKEN.matcher(text);
    while (matcher.find()) {
      if (!matcher.group().isBlank()) {
        tokens.add(new int[] {matcher.start(), matcher.end()});
      }
    }
    if (tokens.isEmpty()) {
      tokens.add(new int[] {0, 0});
    }
    return tokens;
  }
}
