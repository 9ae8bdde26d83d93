package io.g2lstm.common;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigParseable;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed, key-naming access to a HOCON configuration: the one path by which settings records are built.
 *
 * <p>The user's file is layered over the defaults in every {@value #REFERENCE} on the class path (each module ships
 * the sections it owns). Every getter names the full key and where its value came from (file and line) when the
 * value is missing, of the wrong type or out of range. {@link JobSettings#read} builds the settings records, then
 * reports any key in the user's file that is neither read by the job nor known to the defaults (the section
 * {@code paths} excepted: it holds the user's own path variables), so a misspelt key never passes silently.
 */
public final class SettingsReader {

  /** The class-path resource holding the defaults; resources of this name in every jar are merged. */
  public static final String REFERENCE = "g2lstm-reference.conf";

  /**
   * Sections whose keys are the user's own, never reported as unknown: path variables, and named compression grids
   * (which the sweep job reads and checks, every one of them).
   */
  public static final List<String> FREE_SECTIONS = List.of("paths", "sweep.grids");
  private static final Pattern LINE_SUFFIX = Pattern.compile(": \\d+(-\\d+)?$");

  private final Config merged;
  private final String prefix;
  private final String displayPrefix;
  private final Set<String> consumed;

  private SettingsReader(Config merged, String prefix, String displayPrefix, Set<String> consumed) {
    this.merged = merged;
    this.prefix = prefix;
    this.displayPrefix = displayPrefix;
    this.consumed = consumed;
  }

  /** Reads a configuration file over the defaults, resolving substitutions (including environment variables). */
  public static SettingsReader load(Path file) {
    return load(file, Map.of());
  }

  /**
   * Reads a configuration file over the defaults; {@code overrides} (keys in HOCON path syntax) take precedence over
   * the file, as command-line settings do.
   */
  public static SettingsReader load(Path file, Map<String, ?> overrides) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigurationException("configuration file " + file + ": expected a readable file, found "
          + (Files.exists(file) ? "something that is not a regular file" : "no such file"));
    }
    Config parsed;
    try {
      parsed = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)
          .setIncluder(new RequiredIncludes(file.toString())));
    } catch (ConfigException e) {
      throw new ConfigurationException("configuration file " + file + ": " + e.getMessage(), e);
    }
    return fromUser(ConfigFactory.parseMap(overrides, "command line").withFallback(parsed));
  }

  /** Reads configuration text over the defaults; {@code originName} names it in error messages. */
  public static SettingsReader parse(String text, String originName) {
    return parse(text, originName, Map.of());
  }

  /** Reads configuration text over the defaults, with {@code overrides} on top. */
  public static SettingsReader parse(String text, String originName, Map<String, ?> overrides) {
    Config parsed;
    try {
      parsed = ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription(originName)
          .setIncluder(new RequiredIncludes(originName)));
    } catch (ConfigException e) {
      throw new ConfigurationException(originName + ": " + e.getMessage(), e);
    }
    return fromUser(ConfigFactory.parseMap(overrides, "command line").withFallback(parsed));
  }

  /**
   * HOCON ignores an {@code include} of a file that is not there, and a misspelt include then shows up as some
   * other key's error; here it is an error that names it.
   */
  private record RequiredIncludes(String including) implements ConfigIncluder {

    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
      return this;
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
      ConfigParseable target = context.relativeTo(what);
      if (target == null) {
        throw new ConfigurationException(including + ": include \"" + what + "\": expected a file beside it, found "
            + "none");
      }
      try {
        return target.parse(context.parseOptions().setAllowMissing(false)
            .setIncluder(new RequiredIncludes(target.origin().description())));
      } catch (ConfigException.IO e) {
        throw new ConfigurationException(including + ": include \"" + what + "\": expected a readable file ("
            + target.origin().description() + "), found none", e);
      }
    }
  }

  private static SettingsReader fromUser(Config parsed) {
    Config reference = ConfigFactory.parseResources(SettingsReader.class.getClassLoader(), REFERENCE);
    Config merged;
    try {
      merged = parsed.withFallback(reference).resolve();
    } catch (ConfigException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
    return new SettingsReader(merged, "", "", new HashSet<>());
  }

  /** A reader for the section at {@code key}; keys passed to it are relative to that section. */
  public SettingsReader section(String key) {
    String path = path(key);
    requireType(path, ConfigValueType.OBJECT, "a section { ... }");
    return new SettingsReader(merged, path + ".", displayPrefix, consumed);
  }

  public String string(String key) {
    String path = path(key);
    ConfigValue value = requireType(path, ConfigValueType.STRING, "a string");
    consumed.add(path);
    return (String) value.unwrapped();
  }

  /** A string that must not be blank. */
  public String nonBlankString(String key) {
    String value = string(key);
    if (value.isBlank()) {
      throw error(path(key), "a non-empty string", "\"" + value + "\"");
    }
    return value;
  }

  /** A string that may be absent or null. */
  public Optional<String> optionalString(String key) {
    String path = path(key);
    consumed.add(path);
    if (!merged.hasPath(path)) {
      return Optional.empty();
    }
    return Optional.of(string(key));
  }

  public boolean bool(String key) {
    String path = path(key);
    ConfigValue value = requireType(path, ConfigValueType.BOOLEAN, "true or false");
    consumed.add(path);
    return (Boolean) value.unwrapped();
  }

  public long longIn(String key, long min, long max) {
    String path = path(key);
    ConfigValue value = requireType(path, ConfigValueType.NUMBER, "an integer in [" + min + ", " + max + "]");
    Number number = (Number) value.unwrapped();
    if (number.doubleValue() != Math.rint(number.doubleValue()) || number.longValue() < min
        || number.longValue() > max) {
      throw error(path, "an integer in [" + min + ", " + max + "]", value.render());
    }
    consumed.add(path);
    return number.longValue();
  }

  public int intIn(String key, int min, int max) {
    return (int) longIn(key, min, max);
  }

  /** An integer that may be left out, then {@code fallback}. */
  public int intIn(String key, int min, int max, int fallback) {
    String path = path(key);
    consumed.add(path);
    return merged.hasPath(path) ? intIn(key, min, max) : fallback;
  }

  /** An error about the value at {@code key}, naming the key and where the value came from. */
  public ConfigurationException invalid(String key, String expected, String found) {
    return error(path(key), expected, found);
  }

  public double doubleIn(String key, double min, double max) {
    String path = path(key);
    ConfigValue value = requireType(path, ConfigValueType.NUMBER, "a number in [" + min + ", " + max + "]");
    double number = ((Number) value.unwrapped()).doubleValue();
    if (!(number >= min && number <= max)) {
      throw error(path, "a number in [" + min + ", " + max + "]", value.render());
    }
    consumed.add(path);
    return number;
  }

  /** A number that may be left out, then {@code fallback}. */
  public double doubleIn(String key, double min, double max, double fallback) {
    String path = path(key);
    consumed.add(path);
    return merged.hasPath(path) ? doubleIn(key, min, max) : fallback;
  }

  /** One of the constants of {@code type}, written in lower case with '-' for '_' (e.g. {@code round-clip}). */
  public <E extends Enum<E>> E choice(String key, Class<E> type) {
    String path = path(key);
    String text = string(key);
    for (E constant : type.getEnumConstants()) {
      if (settingName(constant).equals(text)) {
        return constant;
      }
    }
    String allowed = Arrays.stream(type.getEnumConstants()).map(SettingsReader::settingName)
        .collect(Collectors.joining(", "));
    throw error(path, "one of " + allowed, "\"" + text + "\"");
  }

  /** The configuration spelling of an enum constant. */
  public static String settingName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public List<String> stringList(String key) {
    String path = path(key);
    requireType(path, ConfigValueType.LIST, "a list of strings");
    try {
      List<String> list = merged.getStringList(path);
      consumed.add(path);
      return List.copyOf(list);
    } catch (ConfigException.WrongType e) {
      throw error(path, "a list of strings", merged.getValue(path).render());
    }
  }

  /** Whether the key is set (to anything but null). */
  public boolean has(String key) {
    return merged.hasPath(path(key));
  }

  /** A list of numbers. */
  public List<Double> doubleList(String key) {
    String path = path(key);
    requireType(path, ConfigValueType.LIST, "a list of numbers");
    try {
      List<Double> list = merged.getDoubleList(path);
      consumed.add(path);
      return List.copyOf(list);
    } catch (ConfigException.WrongType e) {
      throw error(path, "a list of numbers", merged.getValue(path).render());
    }
  }

  /** The names of the entries of the section at {@code key}, sorted. */
  public List<String> keysOf(String key) {
    String path = path(key);
    requireType(path, ConfigValueType.OBJECT, "a section { ... }");
    return List.copyOf(new TreeSet<>(merged.getObject(path).keySet()));
  }

  /**
   * A list of sections, each read through its own reader. Each element's keys must be among {@code allowedKeys};
   * the element readers name their key as {@code key[i].name}.
   */
  public List<SettingsReader> sectionList(String key, Set<String> allowedKeys) {
    String path = path(key);
    requireType(path, ConfigValueType.LIST, "a list of sections [{ ... }, ...]");
    consumed.add(path);
    List<? extends ConfigObject> objects;
    try {
      objects = merged.getObjectList(path);
    } catch (ConfigException.WrongType e) {
      throw error(path, "a list of sections [{ ... }, ...]", merged.getValue(path).render());
    }
    List<SettingsReader> readers = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      ConfigObject object = objects.get(i);
      String elementPath = path + "[" + i + "]";
      for (String elementKey : object.keySet()) {
        if (!allowedKeys.contains(elementKey)) {
          throw new ConfigurationException(where(object.get(elementKey).origin()) + "key '" + elementPath + "."
              + elementKey + "': expected one of " + new TreeSet<>(allowedKeys) + ", found an unknown key");
        }
      }
      Config element = object.toConfig();
      readers.add(new SettingsReader(element, "", displayPrefix + elementPath + ".", new HashSet<>()));
    }
    return readers;
  }

  /**
   * Fails if the user's file holds a key that no job reads and the defaults do not know. (Every key of the merged
   * configuration that the defaults lack came from the user.)
   */
  void rejectUnknownKeys() {
    Config reference = ConfigFactory.parseResources(SettingsReader.class.getClassLoader(), REFERENCE);
    for (Map.Entry<String, ConfigValue> entry : merged.entrySet()) {
      String key = entry.getKey();
      if (!consumed.contains(key) && !reference.hasPathOrNull(key) && !underConsumedList(key)
          && FREE_SECTIONS.stream().noneMatch(free -> key.startsWith(free + "."))) {
        throw new ConfigurationException(where(entry.getValue().origin()) + "key '" + key
            + "': expected a known setting (see the defaults in " + REFERENCE + "), found an unknown key");
      }
    }
  }

  private boolean underConsumedList(String key) {
    for (String c : consumed) {
      if (key.startsWith(c + ".")) {
        return true;
      }
    }
    return false;
  }

  /** The whole resolved configuration (defaults included), as HOCON text for provenance files. */
  String renderResolved() {
    return merged.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
  }

  /** The resolved configuration of one section, in a canonical JSON form (stable key order) for digests. */
  String canonicalJson(String section) {
    ConfigValue value = merged.getValue(section);
    return value.render(ConfigRenderOptions.concise());
  }

  /** The names of the resolved configuration's top-level sections (objects), sorted. */
  List<String> topLevelSections() {
    List<String> sections = new ArrayList<>();
    for (String key : new TreeSet<>(merged.root().keySet())) {
      if (merged.root().get(key).valueType() == ConfigValueType.OBJECT) {
        sections.add(key);
      }
    }
    return sections;
  }

  private String path(String key) {
    return prefix + key;
  }

  private ConfigValue requireType(String path, ConfigValueType type, String expected) {
    if (!merged.hasPathOrNull(path) || merged.getIsNull(path)) {
      throw new ConfigurationException(describeRoot() + "key '" + displayPrefix + path + "': expected " + expected
          + ", found nothing (the key is required)");
    }
    ConfigValue value = merged.getValue(path);
    if (value.valueType() != type) {
      throw error(path, expected, value.render() + " (" + value.valueType().name().toLowerCase(Locale.ROOT) + ")");
    }
    return value;
  }

  private ConfigurationException error(String path, String expected, String found) {
    ConfigOrigin origin = merged.hasPathOrNull(path) ? merged.getValue(path).origin() : merged.origin();
    return new ConfigurationException(where(origin) + "key '" + displayPrefix + path + "': expected " + expected
        + ", found " + found);
  }

  private String describeRoot() {
    return where(merged.origin());
  }

  private static String where(ConfigOrigin origin) {
    if (origin == null) {
      return "";
    }
    String file = origin.filename() != null ? origin.filename()
        : origin.resource() != null ? origin.resource() : LINE_SUFFIX.matcher(origin.description()).replaceAll("");
    return origin.lineNumber() > 0 ? file + ":" + origin.lineNumber() + ": " : file + ": ";
  }
}
