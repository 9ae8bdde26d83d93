package io.g2lstm.cli;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.g2lstm.common.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --set key=value} options of a job: HOCON paths with values, applied over the configuration file (a later
 * {@code --set} of the same key wins) and so checked, and recorded in the resolved configuration, like the file's.
 *
 * <p>A value is read as HOCON: {@code 3}, {@code 0.5}, {@code true}, {@code [1, 2]} and {@code {a = 1}} are a number,
 * a boolean, a list and a section; anything else is the text as typed ({@code hdfs://nn/data}, {@code g2}), and a
 * value in double quotes is the quoted text.
 */
final class SettingOverrides {

  /** The option's name on every job's command line. */
  static final String OPTION = "--set";

  private SettingOverrides() {}

  /** The overrides of {@code cli}'s {@value #OPTION} options, keys in HOCON path syntax. */
  static Map<String, Object> of(CommandLine cli) {
    return parse(cli.values(OPTION));
  }

  static Map<String, Object> parse(List<String> settings) {
    Map<String, Object> overrides = new LinkedHashMap<>();
    for (String setting : settings) {
      int equals = setting.indexOf('=');
      String key = equals < 0 ? "" : setting.substring(0, equals).trim();
      if (key.isEmpty()) {
        throw new ConfigurationException(OPTION + " '" + setting + "': expected key=value (a HOCON path, '=', its "
            + "value), found " + (equals < 0 ? "no '='" : "no key"));
      }
      try {
        ConfigUtil.splitPath(key);
      } catch (ConfigException e) {
        throw new ConfigurationException(OPTION + " '" + setting + "': expected a HOCON path before '=' (such as "
            + "train.epochs), found '" + key + "'", e);
      }
      overrides.remove(key);
      overrides.put(key, value(setting.substring(equals + 1).trim()));
    }
    return overrides;
  }

  private static Object value(String text) {
    ConfigValue parsed;
    try {
      parsed = ConfigFactory.parseString("value = " + text).getValue("value");
    } catch (ConfigException e) {
      return text;
    }
    // Unquoted text stays as typed: HOCON would drop a '//' and all after it as a comment.
    if (parsed.valueType() == ConfigValueType.STRING && !text.startsWith("\"")) {
      return text;
    }
    return parsed.unwrapped();
  }
}
