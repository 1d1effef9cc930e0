package dev.dmtl.reports.pdf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, with networking off: no background networking, component updates,
 * sync or QUIC, a resolver that resolves nothing, a fresh profile in a temporary folder (deleted on
 * close), and the DevTools server on a free port whose address is read from stderr. The report is
 * self-contained and its CSP forbids requests, so nothing here needs the network.
 */
public final class Chromium implements AutoCloseable {

  /** Where Debian installs it ({@code apt-get install -y chromium}). */
  public static final Path DEBIAN = Path.of("/usr/bin/chromium");

  /** The environment variable that names another Chromium (or Chrome) executable. */
  public static final String ENV = "DMTL_CHROMIUM";

  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final DevToolsConnection devtools;
  private final Path profile;

  private Chromium(Process process, DevToolsConnection devtools, Path profile) {
    this.process = process;
    this.devtools = devtools;
    this.profile = profile;
  }

  /**
   * The executable to use: {@code explicit} when given, else {@value #ENV}, else {@link #DEBIAN},
   * else {@code chromium} on the PATH.
   *
   * @throws BrowserUnavailableException when the chosen file is not an executable
   */
  public static Path locate(Path explicit) throws BrowserUnavailableException {
    String env = System.getenv(ENV);
    Path chosen;
    String how;
    if (explicit != null) {
      chosen = explicit;
      how = "";
    } else if (env != null && !env.isBlank()) {
      chosen = Path.of(env);
      how = " (from " + ENV + ")";
    } else {
      Optional<Path> found = onPath();
      if (found.isEmpty()) {
        throw new BrowserUnavailableException(
            "no Chromium to print the PDF: "
                + DEBIAN
                + " is missing and 'chromium' is not on the PATH (apt-get install chromium, or "
                + "name one with --chromium or "
                + ENV
                + ")");
      }
      return found.get();
    }
    if (!Files.isRegularFile(chosen) || !Files.isExecutable(chosen)) {
      throw new BrowserUnavailableException(
          "no Chromium to print the PDF: " + chosen + how + " is not an executable file");
    }
    return chosen;
  }

  /** {@link #DEBIAN} when installed, else the first {@code chromium} on the PATH. */
  public static Optional<Path> onPath() {
    if (Files.isExecutable(DEBIAN)) {
      return Optional.of(DEBIAN);
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(java.io.File.pathSeparator))
        .filter(d -> !d.isBlank())
        .map(d -> Path.of(d, "chromium"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Starts {@code executable} headless and connects to its DevTools server. */
  public static Chromium start(Path executable) throws IOException {
    Path profile = Files.createTempDirectory("dmtl-chromium-profile");
    ProcessBuilder pb =
        new ProcessBuilder(
            executable.toString(),
            "--headless",
            // the report is a local file with no script: the sandbox adds nothing, and it fails
            // in containers that run as root
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--mute-audio",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--user-data-dir=" + profile,
            "--remote-debugging-port=0",
            "--hide-scrollbars",
            "about:blank");
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String ws;
    try {
      ws = listening(p).get(DevToolsConnection.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return new Chromium(p, DevToolsConnection.open(URI.create(ws)), profile);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(p);
      deleteTree(profile);
      throw new IOException("interrupted while starting " + executable, e);
    } catch (ExecutionException | TimeoutException | IOException e) {
      stop(p);
      deleteTree(profile);
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IOException(
          executable + " did not start its DevTools server: " + cause.getMessage(), cause);
    }
  }

  /** The DevTools address Chromium prints on stderr; fails with stderr when it exits first. */
  private static CompletableFuture<String> listening(Process p) {
    CompletableFuture<String> endpoint = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              List<String> lines = new ArrayList<>();
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  if (!endpoint.isDone()) {
                    lines.add(line);
                  }
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    endpoint.complete(m.group(1));
                  }
                }
                endpoint.completeExceptionally(
                    new IOException("chromium exited before DevTools listened: " + lines));
              } catch (IOException e) {
                endpoint.completeExceptionally(e);
              }
            },
            "chromium-stderr");
    // it keeps draining stderr after the address, so that Chromium never blocks on a full pipe
    reader.setDaemon(true);
    reader.start();
    return endpoint;
  }

  /** The browser-level DevTools connection (commands without a session go to the browser). */
  public DevToolsConnection devtools() {
    return devtools;
  }

  /**
   * Opens a new page on {@code about:blank}, attached in flat mode, with the network emulated
   * offline: a second guard, after the resolver flag, that printing makes no request.
   *
   * @return the page's session id
   */
  public String newPage() throws IOException {
    String target =
        devtools
            .call(
                null, "Target.createTarget", DevToolsConnection.params().put("url", "about:blank"))
            .path("targetId")
            .asText();
    String session =
        devtools
            .call(
                null,
                "Target.attachToTarget",
                DevToolsConnection.params().put("targetId", target).put("flatten", true))
            .path("sessionId")
            .asText();
    devtools.call(session, "Network.enable", null);
    devtools.call(
        session,
        "Network.emulateNetworkConditions",
        DevToolsConnection.params()
            .put("offline", true)
            .put("latency", 0)
            .put("downloadThroughput", -1)
            .put("uploadThroughput", -1));
    return session;
  }

  @Override
  public void close() throws IOException {
    try {
      devtools.call(null, "Browser.close", null);
    } catch (IOException e) {
      // the browser may close the socket before it replies; the process is stopped below either
      // way, and a failure to stop it is not this call's to report
    } finally {
      devtools.close();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          stop(process);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop(process);
      }
      deleteTree(profile);
    }
  }

  private static void stop(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
