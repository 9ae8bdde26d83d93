package io.g2lstm.common;

import java.util.Collection;
import java.util.Map;

/**
 * Writes JSON from maps (in their iteration order), collections, strings, numbers and booleans, indented two
 * spaces so manifests read well and diff cleanly. Reading JSON goes through Typesafe Config.
 */
public final class Json {

  private Json() {}

  /** The JSON text of {@code value}, ending with a newline. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value, 0);
    return out.append('\n').toString();
  }

  private static void append(StringBuilder out, Object value, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      quote(out, s);
    } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
      out.append("null");
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      appendObject(out, map, depth);
    } else if (value instanceof Collection<?> list) {
      appendArray(out, list, depth);
    } else if (value instanceof Enum<?> constant) {
      quote(out, SettingsReader.settingName(constant));
    } else {
      throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
    }
  }

  private static void appendObject(StringBuilder out, Map<?, ?> map, int depth) {
    if (map.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append("{\n");
    int i = 0;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      indent(out, depth + 1);
      quote(out, String.valueOf(e.getKey()));
      out.append(": ");
      append(out, e.getValue(), depth + 1);
      out.append(++i < map.size() ? ",\n" : "\n");
    }
    indent(out, depth);
    out.append('}');
  }

  private static void appendArray(StringBuilder out, Collection<?> list, int depth) {
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append("[\n");
    int i = 0;
    for (Object item : list) {
      indent(out, depth + 1);
      append(out, item, depth + 1);
      out.append(++i < list.size() ? ",\n" : "\n");
    }
    indent(out, depth);
    out.append(']');
  }

  private static void indent(StringBuilder out, int depth) {
    out.append("  ".repeat(depth));
  }

  private static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
