package io.g2lstm.common;

/** A setting is missing, unknown, of the wrong type or out of range. The message names the key and its origin. */
public final class ConfigurationException extends G2Exception {

  public ConfigurationException(String message) {
    super(message, null);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }

  /** "{origin}: key 'k': expected E, found F". */
  public static ConfigurationException of(String origin, String key, String expected, Object found) {
    return new ConfigurationException(
        origin + ": key '" + key + "': expected " + expected + ", found " + found);
  }
}
