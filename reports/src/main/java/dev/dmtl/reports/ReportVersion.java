package dev.dmtl.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The dmtl version, filtered into {@code dmtl-reports.properties} by Maven. */
public final class ReportVersion {

  private static final String VERSION = load();

  private ReportVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = ReportVersion.class.getResourceAsStream("dmtl-reports.properties")) {
      if (in == null) {
        throw new IllegalStateException("dmtl-reports.properties is missing from the reports jar");
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version");
      if (v == null || v.isBlank() || v.startsWith("${")) {
        throw new IllegalStateException("dmtl-reports.properties has no filtered version: " + v);
      }
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dmtl-reports.properties", e);
    }
  }
}
