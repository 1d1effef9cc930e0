package dev.dmtl.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this tool, stamped by Maven into {@code version.properties} at build time, for
 * {@code --version} and for the provenance of every output.
 */
public final class ToolVersion {

  /** The tool's name in provenance records. */
  public static final String NAME = "dmtl";

  private static final String VERSION = load();

  private ToolVersion() {}

  /** E.g. {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    return VERSION;
  }

  /** E.g. {@code dmtl 0.1.0-SNAPSHOT}. */
  public static String describe() {
    return NAME + " " + VERSION;
  }

  private static String load() {
    try (InputStream in = ToolVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException(
            "dev/dmtl/contract/version.properties is missing from the build");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read version.properties", e);
    }
  }
}
