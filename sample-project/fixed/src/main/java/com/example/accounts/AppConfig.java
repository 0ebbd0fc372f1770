package com.example.accounts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;

/** application.properties from the classpath, each key overridable by an environment variable. */
final class AppConfig {

  private final Properties properties = new Properties();

  private AppConfig() {}

  static AppConfig load() {
    AppConfig config = new AppConfig();
    try (InputStream in = AppConfig.class.getResourceAsStream("/application.properties")) {
      if (in != null) {
        config.properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read application.properties", e);
    }
    return config;
  }

  /** The value of {@code key}: DB_URL from the environment wins over db.url from the file. */
  String get(String key) {
    String fromEnvironment = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_')
        .replace('-', '_'));
    String value = fromEnvironment != null ? fromEnvironment : properties.getProperty(key);
    if (value == null) {
      throw new IllegalStateException("missing configuration: " + key);
    }
    return value;
  }
}
