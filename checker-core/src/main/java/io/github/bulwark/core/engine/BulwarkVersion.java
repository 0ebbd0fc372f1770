package io.github.bulwark.core.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of Bulwark that is running, from the build. */
public final class BulwarkVersion {

  private static final String VERSION = load();

  private BulwarkVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = BulwarkVersion.class.getResourceAsStream("bulwark-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
