package dev.dmtl.reports.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dmtl.reports.pdf.Chromium;
import dev.dmtl.reports.pdf.DevToolsConnection;
import dev.dmtl.reports.pdf.PdfPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The test harness around the production {@link Chromium} (headless, networking off, a fresh
 * profile): it loads a page over the DevTools protocol and reports every request that failed or
 * left the file, every console error and exception, and can save screenshots and a PDF.
 */
public final class HeadlessBrowser implements AutoCloseable {

  /** Where Debian installs it ({@code apt-get install -y chromium}). */
  public static final Path CHROMIUM = Chromium.DEBIAN;

  private final Chromium chromium;
  private final DevToolsConnection devtools;

  /**
   * What a page load produced.
   *
   * @param requests URLs the page requested, in order
   * @param failedRequests requests that failed, with the error text
   * @param consoleErrors console errors, uncaught exceptions and error log entries (CSP violations
   *     among them)
   */
  public record PageLoad(
      List<String> requests, List<String> failedRequests, List<String> consoleErrors) {}

  private HeadlessBrowser(Chromium chromium) {
    this.chromium = chromium;
    this.devtools = chromium.devtools();
  }

  public static boolean available() {
    return Files.isExecutable(CHROMIUM);
  }

  public static HeadlessBrowser start() throws IOException {
    return new HeadlessBrowser(Chromium.start(CHROMIUM));
  }

  /** A page of this browser, opened on {@code about:blank}. */
  public final class Page {
    private final String session;

    private Page(String session) {
      this.session = session;
    }

    /**
     * Loads {@code file} at a viewport of {@code width} x {@code height} CSS pixels and waits for
     * the load event.
     */
    public PageLoad load(Path file, int width, int height) throws IOException {
      ObjectNode metrics =
          DevToolsConnection.params()
              .put("width", width)
              .put("height", height)
              .put("deviceScaleFactor", 1)
              .put("mobile", false);
      devtools.call(session, "Emulation.setDeviceMetricsOverride", metrics);
      CompletableFuture<JsonNode> loaded = devtools.next("Page.loadEventFired");
      devtools.call(
          session,
          "Page.navigate",
          DevToolsConnection.params().put("url", file.toUri().toString()));
      DevToolsConnection.await(loaded, "Page.loadEventFired");
      // a round trip after the load event: every event sent before it has been received
      devtools.call(
          session, "Runtime.evaluate", DevToolsConnection.params().put("expression", "1"));
      return collect();
    }

    private PageLoad collect() {
      List<String> requests = new ArrayList<>();
      List<String> failed = new ArrayList<>();
      List<String> errors = new ArrayList<>();
      for (JsonNode e : devtools.events()) {
        if (!session.equals(e.path("sessionId").asText())) {
          continue;
        }
        JsonNode p = e.path("params");
        switch (e.path("method").asText()) {
          case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
          case "Network.loadingFailed" ->
              failed.add(
                  p.path("errorText").asText()
                      + " ("
                      + p.path("requestId").asText()
                      + (p.path("blockedReason").isMissingNode()
                          ? ""
                          : ", blocked: " + p.path("blockedReason").asText())
                      + ")");
          case "Runtime.exceptionThrown" ->
              errors.add("exception: " + p.path("exceptionDetails").path("text").asText());
          case "Runtime.consoleAPICalled" -> {
            String type = p.path("type").asText();
            if (type.equals("error") || type.equals("assert")) {
              errors.add("console." + type + ": " + p.path("args").toString());
            }
          }
          case "Log.entryAdded" -> {
            if (p.path("entry").path("level").asText().equals("error")) {
              errors.add(
                  "log: "
                      + p.path("entry").path("text").asText()
                      + " "
                      + p.path("entry").path("url").asText());
            }
          }
          default -> {
            // other events are not checked
          }
        }
      }
      return new PageLoad(requests, failed, errors);
    }

    /** Saves a PNG of the whole page (or its top {@code maxHeight} CSS pixels when positive). */
    public Path screenshot(Path png, int maxHeight) throws IOException {
      JsonNode layout = devtools.call(session, "Page.getLayoutMetrics", null);
      JsonNode size = layout.path("cssContentSize");
      double width = size.path("width").asDouble();
      double height = size.path("height").asDouble();
      return clip(png, 0, maxHeight > 0 ? Math.min(maxHeight, height) : height, width);
    }

    /** Saves a PNG of the page between {@code top} and {@code top + height} CSS pixels. */
    public Path clip(Path png, double top, double height, double width) throws IOException {
      ObjectNode clip =
          DevToolsConnection.params()
              .put("x", 0)
              .put("y", top)
              .put("width", width)
              .put("height", height)
              .put("scale", 1);
      ObjectNode params =
          DevToolsConnection.params().put("format", "png").put("captureBeyondViewport", true);
      params.set("clip", clip);
      JsonNode shot = devtools.call(session, "Page.captureScreenshot", params);
      Files.createDirectories(png.toAbsolutePath().getParent());
      Files.write(png, Base64.getDecoder().decode(shot.path("data").asText()));
      return png;
    }

    /** The page's content height in CSS pixels. */
    public double contentHeight() throws IOException {
      return devtools
          .call(session, "Page.getLayoutMetrics", null)
          .path("cssContentSize")
          .path("height")
          .asDouble();
    }

    /** Renders the page for print (the print stylesheet) to PDF bytes, as the report is printed. */
    public byte[] pdf() throws IOException {
      Path file = Files.createTempFile("dmtl-page", ".pdf");
      try {
        PdfPrinter.printPage(devtools, session, file, "test");
        return Files.readAllBytes(file);
      } finally {
        Files.deleteIfExists(file);
      }
    }

    /** Switches the emulated media type ({@code print} or {@code screen}). */
    public void media(String type) throws IOException {
      devtools.call(
          session, "Emulation.setEmulatedMedia", DevToolsConnection.params().put("media", type));
    }

    /**
     * Evaluates a JavaScript expression in the page and returns its value (test inspection only).
     */
    public JsonNode evaluate(String expression) throws IOException {
      JsonNode r =
          devtools.call(
              session,
              "Runtime.evaluate",
              DevToolsConnection.params().put("expression", expression).put("returnByValue", true));
      if (r.has("exceptionDetails") || r.path("result").path("value").isMissingNode()) {
        throw new IOException("evaluating " + expression + " gave " + r);
      }
      return r.path("result").path("value");
    }

    /**
     * Evaluates an expression whose value is a promise, waits for it to settle and returns what it
     * resolved to (test inspection only). Scripts evaluated over DevTools run even under the
     * report's Content-Security-Policy, which forbids every script the page itself could carry.
     */
    public JsonNode evaluateAsync(String expression) throws IOException {
      JsonNode r =
          devtools.call(
              session,
              "Runtime.evaluate",
              DevToolsConnection.params()
                  .put("expression", expression)
                  .put("returnByValue", true)
                  .put("awaitPromise", true));
      if (r.has("exceptionDetails") || r.path("result").path("value").isMissingNode()) {
        String shown = expression.length() > 200 ? expression.substring(0, 200) + "…" : expression;
        throw new IOException("evaluating " + shown + " gave " + r);
      }
      return r.path("result").path("value");
    }
  }

  /** Opens a page with network, runtime, log and page events on and the network offline. */
  public Page newPage() throws IOException {
    String session = chromium.newPage();
    for (String domain : List.of("Runtime", "Log", "Page")) {
      devtools.call(session, domain + ".enable", null);
    }
    return new Page(session);
  }

  @Override
  public void close() throws IOException {
    chromium.close();
  }
}
