package io.g2lstm.common;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for names that become path components (run ids, {@code model.name}, test-set names and the like):
 * letters, digits and {@code . _ : + -}, starting with a letter or digit, so a name can never be {@code ..}, hold a
 * {@code /} or hide a file. Airflow's run ids (such as {@code scheduled__2026-11-21T00:00:00+00:00}) pass. Callers
 * that put a name into a Hadoop path escape it with {@link #escaped}, because Hadoop reads a {@code :} as a scheme.
 */
public final class Names {

  /** The longest name accepted. */
  public static final int MAX_LENGTH = 200;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+\\-]{0," + (MAX_LENGTH - 1) + "}");

  private Names() {}

  /** Whether {@code name} follows the rule. */
  public static boolean isValid(String name) {
    return NAME.matcher(name).matches();
  }

  /** Checks a command-line value: {@code 'command': option O: expected ..., found '...'}. */
  public static String option(String command, String option, String name) {
    if (!isValid(name)) {
      throw new ConfigurationException("'" + command + "': option " + option + ": expected " + rule(MAX_LENGTH)
          + ", found '"
          + name + "'");
    }
    return name;
  }

  /** Checks a setting read through {@code settings} at {@code key}, naming the key and its file and line. */
  public static String setting(SettingsReader settings, String key, String name) {
    return setting(settings, key, name, MAX_LENGTH);
  }

  /** As {@link #setting(SettingsReader, String, String)}, with a shorter limit (a name that others extend). */
  public static String setting(SettingsReader settings, String key, String name, int maxLength) {
    if (!isValid(name) || name.length() > maxLength) {
      throw settings.invalid(key, rule(maxLength) + ", because it names files", "'" + name + "'");
    }
    return name;
  }

  /** Checks a name read from a file the jobs wrote (a checkpoint's state, say): a bad one is damaged data. */
  public static String recorded(String file, String field, String name) {
    if (!isValid(name)) {
      throw DataException.in(file, field + " made of " + rule(MAX_LENGTH), "'" + name + "'");
    }
    return name;
  }

  private static String rule(int maxLength) {
    return "letters, digits and . _ : + - (at most " + maxLength + ", starting with a letter or digit)";
  }

  /** {@code name} as one component of a Hadoop path: all but letters, digits and {@code . _ -} percent-encoded. */
  public static String escaped(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-') {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
      }
    }
    return out.toString();
  }
}
