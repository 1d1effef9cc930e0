package dev.dmtl.resultsdb.testing;

import dev.dmtl.resultsdb.SinkCredentials;
import dev.dmtl.resultsdb.SinkException;
import dev.dmtl.resultsdb.SinkUrl;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, throwaway PostgreSQL server for tests: {@code initdb} in a temporary folder, listening on
 * a free port of 127.0.0.1 only, password authentication (scram-sha-256) for a test user with a
 * random password, {@code fsync} off. One per test JVM, started by the first test that asks and
 * stopped (and its folder deleted) when the JVM exits. {@code initdb} and {@code pg_ctl} refuse to
 * run as root, so under root they run as the {@code postgres} OS user, in a folder it owns.
 *
 * <p>Where no server binaries are installed, {@link #get()} aborts the test with the reason (a
 * skip, not a pass); with {@code DMTL_REQUIRE_POSTGRES=1} in the environment ({@code .ci/run} sets
 * it) it fails instead, so that CI can never skip these tests silently.
 */
public final class PostgresServer {

  /** The environment variable that turns a missing server into a failure. */
  public static final String REQUIRE = "DMTL_REQUIRE_POSTGRES";

  private static final String USER = "dmtl_test";
  private static PostgresServer shared;
  private static String unavailable;

  private final Path bin;
  private final Path dir;
  private final int port;
  private final String password;
  private final boolean asPostgresUser;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresServer(Path bin, Path dir, int port, String password, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.password = password;
    this.asPostgresUser = asPostgresUser;
  }

  /** The JVM's server, started on first use; aborts (or fails, on CI) the test without one. */
  public static synchronized PostgresServer get() {
    if (shared == null && unavailable == null) {
      try {
        shared = start();
      } catch (IOException | InterruptedException | RuntimeException e) {
        unavailable = "cannot start a PostgreSQL server: " + e.getMessage();
      }
    }
    if (shared == null) {
      if ("1".equals(System.getenv(REQUIRE))) {
        throw new IllegalStateException(unavailable + " (and " + REQUIRE + "=1)");
      }
      Assumptions.abort(unavailable);
    }
    return shared;
  }

  /** The test user's password (random per server). */
  public String password() {
    return password;
  }

  public int port() {
    return port;
  }

  /** The test user with its password, as {@code --sink-password-file} would give them. */
  public SinkCredentials credentials() {
    return new SinkCredentials(USER, password);
  }

  /** Writes the password into a file of {@code folder}, for {@code --sink-password-file}. */
  public Path passwordFile(Path folder) throws IOException {
    Path file = folder.resolve("pg-password");
    Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
    return file;
  }

  /** A fresh, empty database on this server: each test gets its own. */
  public SinkUrl createDatabase() {
    String name = "t" + databases.incrementAndGet() + "_" + ProcessHandle.current().pid();
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database", e);
    }
    try {
      return SinkUrl.parse(url(name) + "?user=" + USER);
    } catch (SinkException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JDBC URL of {@code database} on this server. */
  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** A connection as the test user to the database of {@code url}. */
  public Connection connect(SinkUrl url) throws SQLException {
    String path = url.display();
    return connect(path.substring(path.lastIndexOf('/') + 1));
  }

  /** A connection as the test user. */
  public Connection connect(String database) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", USER);
    p.setProperty("password", password);
    return DriverManager.getConnection(url(database), p);
  }

  private static PostgresServer start() throws IOException, InterruptedException {
    Path bin = binaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("dmtl-pg-");
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    String password = "pw-" + HexFormat.of().formatHex(random);
    Path pwfile = dir.resolve("pwfile");
    Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
    if (root) {
      UserPrincipal postgres =
          dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(dir, postgres);
      Files.setOwner(pwfile, postgres);
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    PostgresServer server = new PostgresServer(bin, dir, port, password, root);
    server.run(
        bin.resolve("initdb").toString(),
        "-D",
        dir.resolve("data").toString(),
        "-U",
        USER,
        "-A",
        "scram-sha-256",
        "--pwfile=" + pwfile,
        "-E",
        "UTF8",
        "--locale=C",
        "--no-sync");
    server.run(
        bin.resolve("pg_ctl").toString(),
        "-D",
        dir.resolve("data").toString(),
        "-l",
        dir.resolve("server.log").toString(),
        "-w",
        "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
        "start");
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop-test-postgresql"));
    return server;
  }

  /** Stops the server at once and deletes its folder. */
  private void stop() {
    try {
      run(
          bin.resolve("pg_ctl").toString(),
          "-D",
          dir.resolve("data").toString(),
          "-m",
          "immediate",
          "-w",
          "stop");
    } catch (IOException | InterruptedException e) {
      System.err.println("test PostgreSQL did not stop cleanly: " + e.getMessage());
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("cannot delete " + dir + ": " + e.getMessage());
    }
  }

  private static Path binaries() throws IOException {
    String fromEnv = System.getenv("PG_BIN");
    if (fromEnv != null && Files.isExecutable(Path.of(fromEnv, "initdb"))) {
      return Path.of(fromEnv);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        List<Path> found =
            versions
                .map(v -> v.resolve("bin"))
                .filter(b -> Files.isExecutable(b.resolve("initdb")))
                .sorted(Comparator.comparing(b -> b.getParent().getFileName().toString()))
                .toList();
        if (!found.isEmpty()) {
          return found.get(found.size() - 1);
        }
      }
    }
    throw new IOException(
        "no PostgreSQL server binaries (initdb) in /usr/lib/postgresql/*/bin or $PG_BIN;"
            + " install Debian's postgresql package (.ci/run does)");
  }

  private void run(String... command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(command));
    Path log = Files.createTempFile("dmtl-pg-cmd", ".log");
    try {
      Process p =
          new ProcessBuilder(full)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .directory(dir.toFile())
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(command[0] + " did not finish within 60 s");
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            command[0] + " exited " + p.exitValue() + ": " + Files.readString(log).strip());
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
