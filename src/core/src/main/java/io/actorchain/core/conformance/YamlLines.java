package io.actorchain.core.conformance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tiny reader for the flat {@code KEY: value} lines of a consensus-specs preset file ({@code config/phase0.yaml}).
 * Blank lines and {@code #} comments are skipped; a value may be quoted. Anything else (nesting, lists, a repeated
 * key) is an {@link IllegalArgumentException} naming the line, since this is not a YAML parser.
 */
public final class YamlLines {
  private YamlLines() {}

  /** The keys and raw values in file order (quotes removed). */
  public static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = stripComment(lines[i]).strip();
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      String key = colon < 0 ? "" : line.substring(0, colon).strip();
      if (colon < 0 || !key.matches("[A-Za-z_][A-Za-z0-9_]*") || Character.isWhitespace(lines[i].charAt(0))) {
        throw new IllegalArgumentException("line " + (i + 1) + ": expected 'KEY: value', got '" + lines[i] + "'");
      }
      String value = unquote(line.substring(colon + 1).strip());
      if (out.putIfAbsent(key, value) != null) {
        throw new IllegalArgumentException("line " + (i + 1) + ": " + key + " is set twice");
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static String stripComment(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '#' && !quoted && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }
}
