package dev.dmtl.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The dmtl version, filtered into {@code dmtl-audit.properties} by Maven. */
public final class ToolVersion {

  private static final String VERSION = load();

  private ToolVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = ToolVersion.class.getResourceAsStream("dmtl-audit.properties")) {
      if (in == null) {
        throw new IllegalStateException("dmtl-audit.properties is missing from the audit jar");
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version");
      if (v == null || v.isBlank() || v.startsWith("${")) {
        throw new IllegalStateException("dmtl-audit.properties has no filtered version: " + v);
      }
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dmtl-audit.properties", e);
    }
  }
}
