package dev.dmtl.resultsdb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * One DuckDB database instance per file and JVM, shared by the driver and every worker of an
 * embedded run.
 *
 * <p>DuckDB lets one process open a file for writing, and inside that process every connection must
 * come from the same database instance. JdbcIO opens a connection per worker (DoFn instance), so
 * the workers get {@link DuckDBConnection#duplicate() duplicates} of the instance the driver opened
 * ({@link #dataSource}), never a connection of their own. The driver holds the file with {@link
 * #acquire} for the whole run; when the last holder {@linkplain #close() closes} it, every
 * connection handed out is closed too, so the file is unlocked for the next process even when a
 * runner does not tear its workers down.
 */
public final class DuckDbFile implements AutoCloseable {

  /** Guarded by the class: the instances open in this JVM, by absolute file. */
  private static final Map<Path, Shared> OPEN = new HashMap<>();

  private final Path file;
  private boolean closed;

  private DuckDbFile(Path file) {
    this.file = file;
  }

  /** An open instance, how many holders it has, and the connections handed out. */
  private static final class Shared {
    final DuckDBConnection instance;
    final boolean readOnly;
    final List<Connection> handedOut = new ArrayList<>();
    int holders;

    Shared(DuckDBConnection instance, boolean readOnly) {
      this.instance = instance;
      this.readOnly = readOnly;
    }
  }

  /**
   * Opens {@code file} in this JVM (or holds the instance already open), creating it when it does
   * not exist and {@code readOnly} is false.
   *
   * @param readOnly for reading only ({@code dmtl audit}): the file must exist, and the instance
   *     refuses writes
   * @throws SinkException one line naming the file: its folder does not exist, it is not a DuckDB
   *     database, another process holds it, or it is open here in the other mode
   */
  public static DuckDbFile acquire(Path file, boolean readOnly) throws SinkException {
    Path absolute = file.toAbsolutePath().normalize();
    synchronized (DuckDbFile.class) {
      Shared shared = OPEN.get(absolute);
      if (shared == null) {
        shared = new Shared(open(absolute, readOnly), readOnly);
        OPEN.put(absolute, shared);
      } else if (shared.readOnly != readOnly) {
        throw new SinkException(
            "the DuckDB file "
                + absolute
                + " is already open in this process for "
                + (shared.readOnly ? "reading only" : "writing"));
      }
      shared.holders++;
      return new DuckDbFile(absolute);
    }
  }

  private static DuckDBConnection open(Path file, boolean readOnly) throws SinkException {
    Path folder = file.getParent();
    if (folder != null && !Files.isDirectory(folder)) {
      throw new SinkException(
          "the DuckDB file's folder " + folder + " does not exist (--sink duckdb:" + file + ")");
    }
    if (readOnly && !Files.isRegularFile(file)) {
      throw new SinkException("no DuckDB file " + file);
    }
    if (Files.isDirectory(file)) {
      throw new SinkException(file + " is a folder, not a DuckDB file");
    }
    Properties p = new Properties();
    if (readOnly) {
      p.setProperty(DuckDBDriver.DUCKDB_READONLY_PROPERTY, "true");
    }
    try {
      return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file, p);
    } catch (SQLException e) {
      throw new SinkException(reason(file, e), e);
    }
  }

  /** The user's line for a file DuckDB cannot open: the driver's messages run on over lines. */
  private static String reason(Path file, SQLException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains("Could not set lock")) {
      int pid = message.indexOf("(PID ");
      int end = pid < 0 ? -1 : message.indexOf(')', pid);
      return "the DuckDB file "
          + file
          + " is open in another process"
          + (end < 0 ? "" : " " + message.substring(pid, end + 1))
          + ": DuckDB allows one process per file; wait for it, or use another file or PostgreSQL";
    }
    if (message.contains("not a valid DuckDB database file")) {
      return file + " is not a DuckDB database file; name a new file or a dmtl DuckDB file";
    }
    if (message.contains("newer version") || message.contains("storage version")) {
      return "the DuckDB file " + file + " was written by another DuckDB version: " + line(message);
    }
    return "cannot open the DuckDB file " + file + ": " + line(message);
  }

  private static String line(String message) {
    String s = message.strip();
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl).strip();
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /**
   * A new connection to the shared instance (auto-commit on), closed with the instance at the end.
   */
  public Connection connection() throws SQLException {
    return duplicate(file);
  }

  /**
   * A data source of connections to the instance this JVM holds for {@code file}: what the workers
   * of an embedded run write through.
   */
  public static javax.sql.DataSource dataSource(Path file) {
    return new DuckDbDataSource(file.toAbsolutePath().normalize());
  }

  /**
   * A duplicate connection of the instance open in this JVM.
   *
   * @throws SQLException when this JVM does not hold the file: a worker in another process (a
   *     cluster, which dmtl refuses before the run) would otherwise open a second writer
   */
  static Connection duplicate(Path file) throws SQLException {
    synchronized (DuckDbFile.class) {
      Shared shared = OPEN.get(file);
      if (shared == null) {
        throw new SQLException(
            "the DuckDB file "
                + file
                + " is not open in this process: DuckDB is a single-process file; use PostgreSQL"
                + " for a cluster");
      }
      // a runner that closes its workers' connections per bundle must not grow the list forever
      List<Connection> open = new ArrayList<>();
      for (Connection c : shared.handedOut) {
        if (!c.isClosed()) {
          open.add(c);
        }
      }
      shared.handedOut.retainAll(open);
      Connection c = shared.instance.duplicate();
      shared.handedOut.add(c);
      return c;
    }
  }

  /**
   * Lets go of the file; the last holder closes every connection handed out and the instance, which
   * unlocks the file.
   *
   * @throws SinkException when DuckDB fails to close (the file may stay locked until the JVM ends)
   */
  @Override
  public void close() throws SinkException {
    synchronized (DuckDbFile.class) {
      if (closed) {
        return;
      }
      closed = true;
      Shared shared = OPEN.get(file);
      if (shared == null || --shared.holders > 0) {
        return;
      }
      OPEN.remove(file);
      SQLException failure = null;
      for (Connection c : shared.handedOut) {
        try {
          c.close();
        } catch (SQLException e) {
          failure = add(failure, e);
        }
      }
      try {
        shared.instance.close();
      } catch (SQLException e) {
        failure = add(failure, e);
      }
      if (failure != null) {
        throw new SinkException(
            "cannot close the DuckDB file "
                + file
                + ": "
                + line(String.valueOf(failure.getMessage())),
            failure);
      }
    }
  }

  private static SQLException add(SQLException first, SQLException next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }
}
