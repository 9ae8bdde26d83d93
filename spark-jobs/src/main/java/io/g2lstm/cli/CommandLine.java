package io.g2lstm.cli;

import io.g2lstm.common.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the options of one subcommand. Each option is declared with its spellings (e.g. {@code -l} and
 * {@code --language}) and whether it takes a value; anything else is a {@link ConfigurationException} that names the
 * command, the offending word and the options it knows.
 */
public final class CommandLine {

  private record Option(String name, boolean takesValue, boolean repeatable) {}

  private final String command;
  private final Map<String, Option> spellings = new LinkedHashMap<>();
  private final Map<String, List<String>> values = new HashMap<>();
  private final List<String> positionals = new ArrayList<>();

  public CommandLine(String command) {
    this.command = command;
  }

  /** Declares a flag (no value); the first spelling is its name. */
  public CommandLine flag(String... names) {
    return declare(new Option(names[0], false, false), names);
  }

  /** Declares an option that takes one value. */
  public CommandLine option(String... names) {
    return declare(new Option(names[0], true, false), names);
  }

  /** Declares an option that takes one or more values (until the next option). */
  public CommandLine repeatable(String... names) {
    return declare(new Option(names[0], true, true), names);
  }

  private CommandLine declare(Option option, String... names) {
    for (String name : names) {
      spellings.put(name, option);
    }
    return this;
  }

  /** Parses {@code args}; words that are not options are kept as positional arguments. */
  public CommandLine parse(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String word = args.get(i);
      String inlineValue = null;
      if (word.startsWith("--") && word.contains("=")) {
        inlineValue = word.substring(word.indexOf('=') + 1);
        word = word.substring(0, word.indexOf('='));
      }
      Option option = spellings.get(word);
      if (option == null) {
        if (word.startsWith("-") && word.length() > 1 && !isNumber(word)) {
          throw new ConfigurationException("'" + command + "': expected one of the options "
              + String.join(" ", spellings.keySet()) + ", found '" + word + "'");
        }
        positionals.add(word);
        continue;
      }
      List<String> list = values.computeIfAbsent(option.name(), k -> new ArrayList<>());
      if (!option.takesValue()) {
        list.add("true");
      } else if (inlineValue != null) {
        list.add(inlineValue);
      } else {
        int taken = 0;
        while (i + 1 < args.size() && (taken == 0 || option.repeatable())
            && !(spellings.containsKey(args.get(i + 1)) || args.get(i + 1).startsWith("--"))) {
          list.add(args.get(++i));
          taken++;
        }
        if (taken == 0) {
          throw new ConfigurationException("'" + command + "': option " + word + ": expected a value, found "
              + (i + 1 < args.size() ? "'" + args.get(i + 1) + "'" : "the end of the command line"));
        }
      }
    }
    return this;
  }

  private static boolean isNumber(String word) {
    return word.matches("-\\d+(\\.\\d+)?");
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public Optional<String> value(String name) {
    List<String> list = values.get(name);
    return list == null ? Optional.empty() : Optional.of(list.get(list.size() - 1));
  }

  public List<String> values(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** The value of a required option. */
  public String required(String name) {
    return value(name).orElseThrow(() -> new ConfigurationException("'" + command + "': expected option " + name
        + ", found none"));
  }

  /** The value of a required option that names an existing regular file. */
  public Path file(String name) {
    Path file = Path.of(required(name));
    if (!Files.isRegularFile(file)) {
      throw new ConfigurationException("'" + command + "': option " + name + ": expected a readable file, found "
          + (Files.isDirectory(file) ? "a directory " : Files.exists(file) ? "something else at " : "no file ")
          + file);
    }
    return file;
  }

  /** An integer option, with a default, within bounds. */
  public int intValue(String name, int fallback, int min, int max) {
    Optional<String> text = value(name);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(text.get());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigurationException("'" + command + "': option " + name + ": expected an integer in [" + min + ", "
        + max + "], found '" + text.get() + "'");
  }

  /** A number option that must be given, within bounds. */
  public double doubleValue(String name, double min, double max) {
    String text = required(name);
    try {
      double v = Double.parseDouble(text);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigurationException("'" + command + "': option " + name + ": expected a number in [" + min + ", "
        + max + "], found '" + text + "'");
  }

  public List<String> positionals() {
    return List.copyOf(positionals);
  }

  /** Fails if there are positional arguments beyond {@code max}. */
  public CommandLine atMostPositionals(int max) {
    if (positionals.size() > max) {
      throw new ConfigurationException("'" + command + "': expected at most " + max + " argument(s) besides options, "
          + "found " + positionals);
    }
    return this;
  }
}
