package dev.dmtl.resultsdb.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Another process that holds a DuckDB file open for writing, as a second {@code dmtl} or a {@code
 * duckdb} shell would: the tests of the single-writer rule start it with {@link #start}, it prints
 * one line once it holds the file (or the driver's error) and lets go when its standard input
 * closes.
 */
public final class DuckDbHolder implements AutoCloseable {
  private final Process process;
  private final String firstLine;

  private DuckDbHolder(Process process, String firstLine) {
    this.process = process;
    this.firstLine = firstLine;
  }

  /** Starts a JVM that opens {@code file}; returns once it has said whether it holds it. */
  public static DuckDbHolder start(Path file) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DuckDbHolder.class.getName());
    command.add(file.toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = p.getInputStream().read()) >= 0 && b != '\n') {
      line.write(b);
    }
    return new DuckDbHolder(p, line.toString(StandardCharsets.UTF_8));
  }

  /** Whether the other process holds the file ("held"), else what it said. */
  public boolean holds() {
    return firstLine.equals("held");
  }

  public String said() {
    return firstLine;
  }

  /** Lets the other process go and waits for it. */
  @Override
  public void close() throws IOException {
    process.getOutputStream().close();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** The other process: holds {@code args[0]} until its standard input closes. */
  public static void main(String[] args) throws IOException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0])) {
      System.out.println("held");
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold the file until the test closes our input
      }
    } catch (SQLException e) {
      System.out.println("refused: " + e.getMessage().replace('\n', ' '));
    }
  }
}
