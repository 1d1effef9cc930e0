package dev.dmtl.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.examples.FaceRef;
import dev.dmtl.audit.examples.WorstError;
import dev.dmtl.reports.examples.ExampleCrop;
import dev.dmtl.reports.input.Example;
import dev.dmtl.reports.input.ReportInput;
import dev.dmtl.reports.input.ReportRun;
import dev.dmtl.reports.testing.AuditFixture;
import dev.dmtl.reports.testing.ModelFixture;
import dev.dmtl.reports.testing.WrittenReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labels, file names, messages and model metadata with markup in them come out as inert text in the
 * HTML (no element, no attribute, no event handler created) and unchanged in the CSV files.
 */
class EscapingTest {

  static final String SCRIPT = "<script>alert(1)</script>";
  static final String IMG = "\"><img src=x onerror=alert(1)>";

  @TempDir Path dir;

  private static ReportInput hostile(int examples) {
    ReportRun run =
        new ReportRun(
            "0.1.0-SNAPSHOT",
            Instant.parse("2025-11-21T10:00:00Z"),
            IMG + "audit.json",
            IMG + "model.onnx",
            examples);
    // the hostile audit carries SCRIPT as a race label and as a dead letter's error class
    ReportInput in =
        ReportInput.of(AuditFixture.hostile(SCRIPT, "runs/" + IMG + ".parquet"), run)
            .withModel(ModelFixture.hostile(SCRIPT));
    if (examples > 0) {
      WorstError e =
          new WorstError(
              "race",
              1,
              new FaceRef("/data/" + IMG + ".jpg", SCRIPT, 0, null),
              SCRIPT,
              "white",
              Double.NaN,
              0.93);
      byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
      in =
          in.withExamples(
              List.of(
                  new Example(e, ExampleCrop.of(png)),
                  new Example(
                      new WorstError(
                          "age", 1, new FaceRef(IMG, null, 0, null), "30", "50", 20, Double.NaN),
                      ExampleCrop.unavailable(SCRIPT))));
    }
    return in;
  }

  /** No script, no foreign element, no on* attribute, no javascript: URL anywhere. */
  private static void assertInert(Document doc, boolean examples) {
    assertTrue(
        doc.select("script, iframe, object, embed, link, base, form, input").isEmpty(),
        "active elements");
    for (Element e : doc.getAllElements()) {
      for (Attribute a : e.attributes()) {
        String key = a.getKey().toLowerCase(Locale.ROOT);
        assertFalse(key.startsWith("on"), "event handler " + a + " on <" + e.tagName() + ">");
        assertFalse(a.getValue().toLowerCase(Locale.ROOT).contains("javascript:"), a.toString());
        if (key.equals("src")) {
          assertTrue(
              examples
                  && e.tagName().equals("img")
                  && a.getValue().startsWith("data:image/png;base64,"),
              "src only on example images, as data URIs: " + a);
        }
      }
    }
  }

  @Test
  void markupInDataIsTextInHtmlAndIntactInCsv() throws Exception {
    WrittenReport r = WrittenReport.write(hostile(0), dir);
    Document doc = r.doc();
    assertInert(doc, false);
    assertTrue(doc.select("img").isEmpty());
    assertFalse(r.html().contains(SCRIPT), "the raw markup never reaches the file");
    assertFalse(r.html().contains("<img"), "no img tag in the file");
    // the text is intact where it is shown: a race label, the input path, a warning, the model's
    // labels
    String text = doc.text();
    assertTrue(text.contains(SCRIPT));
    assertTrue(text.contains("runs/" + IMG + ".parquet"));
    assertTrue(
        doc.select("#intersections th, #intersections td").eachText().contains(SCRIPT),
        "race value cell");
    assertTrue(doc.select("#confusion table.heatmap thead th").eachText().contains(SCRIPT));
    assertTrue(
        doc.select("#summary .warnings li")
            .eachText()
            .contains("unknown race label " + SCRIPT + " in runs/" + IMG + ".parquet"));
    assertTrue(doc.select("#coverage td").eachText().contains(SCRIPT), "dead-letter reason");
    assertTrue(doc.select("#model td").eachText().contains("male, " + SCRIPT), "model labels");
    assertTrue(
        doc.select("svg desc").eachText().stream().anyMatch(d -> d.contains(SCRIPT + ": ")),
        "chart text");
    assertTrue(doc.select("svg text").eachText().contains(SCRIPT), "bar label");
    assertTrue(doc.select("ul.legend span").eachText().contains(SCRIPT), "legend");
    assertTrue(doc.select("#provenance td").eachText().contains(IMG + "audit.json"));
    // and in the CSV files, byte for byte
    assertTrue(
        r.csv("group_metrics").stream().anyMatch(x -> x.get("group").equals("race=" + SCRIPT)));
    assertEquals("runs/" + IMG + ".parquet", r.csv("inputs").get(0).get("path"));
    assertEquals("male, " + SCRIPT, r.csv("model_tasks").get(1).get("classes"));
    assertTrue(
        r.csv("dead_letters").stream()
            .anyMatch(x -> x.get("stage").equals("decode") && x.get("error_class").equals(SCRIPT)),
        "dead-letter reason");
    assertTrue(r.csv("confusion").stream().anyMatch(x -> x.get("true_class").equals(SCRIPT)));
    assertTrue(
        r.csv("provenance").stream().anyMatch(x -> x.get("value").equals(SCRIPT)),
        "training data name");
    assertTrue(
        r.csv("rules").stream()
            .map(x -> x.get("subject"))
            .allMatch(s -> s.startsWith("gender.accuracy.gap")));
  }

  @Test
  void examplesAreImagesOnlyAsDataUrisAndTheirNamesAreText() throws Exception {
    WrittenReport r = WrittenReport.write(hostile(2), dir);
    Document doc = r.doc();
    assertInert(doc, true);
    List<Element> images = doc.select("img");
    assertEquals(1, images.size(), "one available crop, one unavailable");
    assertEquals("Face 1 of race: true " + SCRIPT + ", predicted white", images.get(0).attr("alt"));
    assertTrue(doc.select("#examples .missing").text().contains("image unavailable: " + SCRIPT));
    assertTrue(
        doc.selectFirst("#examples .notice.privacy")
            .text()
            .startsWith("Privacy notice: this section embeds 1 "));
    List<CSVRecord> examples = r.csv("examples");
    assertEquals("/data/" + IMG + ".jpg", examples.get(0).get("source"));
    assertEquals(SCRIPT, examples.get(0).get("entry"));
    assertEquals(SCRIPT, examples.get(1).get("image"), "the reason an image is missing");
  }
}
