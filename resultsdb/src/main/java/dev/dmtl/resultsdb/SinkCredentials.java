package dev.dmtl.resultsdb;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Who the results database is written as. The user from the URL's {@code user=} parameter, else
 * {@code PGUSER}, else the OS user (as {@code psql} does); never a password from the command line:
 * the password from {@code --sink-password-file} (its first line), else {@code PGPASSWORD}, else
 * none here, in which case the PostgreSQL driver looks it up in {@code PGPASSFILE} or {@code
 * ~/.pgpass} itself.
 *
 * <p>The password travels to the workers inside this object (the job's JDBC configuration), as any
 * Flink JDBC sink's does; {@link #toString()} never shows it, and nothing that is recorded (the
 * run's options, provenance, manifest, Parquet footers, logs, reports) holds this object.
 *
 * <p>A DuckDB file has neither: its credentials are {@link #NONE}.
 *
 * @param user the database user, or null (DuckDB)
 * @param password the password, or null to let the driver read {@code ~/.pgpass}
 */
public record SinkCredentials(String user, String password) implements Serializable {

  /** No user, no password: a DuckDB file. */
  public static final SinkCredentials NONE = new SinkCredentials(null, null);

  /**
   * Resolves the credentials from the URL's user, the password file (or null), the environment and
   * the OS user.
   *
   * @throws SinkException when the password file cannot be read or is empty, or is given for a
   *     DuckDB file (which has no password: the option would be a mistake worth saying)
   */
  public static SinkCredentials resolve(SinkUrl url, Path passwordFile, Map<String, String> env)
      throws SinkException {
    if (url.kind() == SinkUrl.Kind.DUCKDB) {
      if (passwordFile != null) {
        throw new SinkException(
            "--sink-password-file: a DuckDB file has no password (" + url.display() + ")");
      }
      return NONE;
    }
    String user = url.user();
    if (user == null || user.isBlank()) {
      user = env.get("PGUSER");
    }
    if (user == null || user.isBlank()) {
      user = System.getProperty("user.name");
    }
    String password = null;
    if (passwordFile != null) {
      List<String> lines;
      try {
        lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new SinkException("--sink-password-file: file not found: " + passwordFile, e);
      } catch (IOException e) {
        throw new SinkException(
            "--sink-password-file: cannot read "
                + passwordFile
                + ": "
                + e.getClass().getSimpleName(),
            e);
      }
      if (lines.isEmpty() || lines.get(0).isEmpty()) {
        throw new SinkException("--sink-password-file: " + passwordFile + " is empty");
      }
      password = lines.get(0);
    } else {
      String fromEnv = env.get("PGPASSWORD");
      password = fromEnv == null || fromEnv.isEmpty() ? null : fromEnv;
    }
    return new SinkCredentials(user, password);
  }

  /** The driver's connection properties. */
  public Properties properties() {
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    // a name in pg_stat_activity, so an operator sees who writes
    p.setProperty("ApplicationName", "dmtl");
    return p;
  }

  /**
   * {@code text} with every occurrence of the password replaced: for messages that quote a server
   * or driver (neither should echo a password, but a message is printed only after this).
   */
  public String redact(String text) {
    if (text == null || password == null || password.isEmpty()) {
      return text;
    }
    return text.replace(password, "***");
  }

  @Override
  public String toString() {
    return "SinkCredentials[user="
        + user
        + ", password="
        + (password == null ? "none" : "***")
        + "]";
  }
}
