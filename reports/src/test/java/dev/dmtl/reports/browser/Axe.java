package dev.dmtl.reports.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * axe-core (vendored in the test resources, see {@code axe/README.md} there) run on a loaded page
 * with the WCAG 2.1 A and AA rules. The script goes in over DevTools because the report's
 * Content-Security-Policy refuses every script a page carries, and it should.
 */
final class Axe {

  /** The rule tags of WCAG 2.0 and 2.1, levels A and AA. */
  static final String RUN =
      "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a',"
          + " 'wcag21aa']}, resultTypes: ['violations']}).then(r => r.violations.map(v => ({id:"
          + " v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, targets:"
          + " v.nodes.slice(0, 4).map(n => n.target.join(' '))})))";

  private static final String SCRIPT = load();

  private Axe() {}

  private static String load() {
    try (InputStream in = Axe.class.getResourceAsStream("/dev/dmtl/reports/axe/axe.min.js")) {
      if (in == null) {
        throw new IllegalStateException("axe.min.js is missing from the test resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The violations on the page as it is laid out now, one line each: rule, impact, how many
   * elements, and the first few of them as CSS selectors. Empty when there are none.
   */
  static List<String> violations(HeadlessBrowser.Page page) throws IOException {
    // the newline ends the source-map comment the minified file may close with
    if (!page.evaluate("typeof axe === 'object'").asBoolean()) {
      page.evaluate(SCRIPT + "\n;true");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode v : page.evaluateAsync(RUN)) {
      out.add(
          v.path("id").asText()
              + " ("
              + v.path("impact").asText()
              + ", "
              + v.path("nodes").asInt()
              + " nodes: "
              + v.path("help").asText()
              + "): "
              + v.path("targets"));
    }
    return out;
  }
}
