package dev.dmtl.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.reports.input.ReportInput;
import dev.dmtl.reports.input.ReportRun;
import dev.dmtl.reports.testing.AuditFixture;
import dev.dmtl.reports.testing.CalibratedAuditFixture;
import dev.dmtl.reports.testing.ComparisonFixture;
import dev.dmtl.reports.testing.ModelFixture;
import dev.dmtl.reports.testing.WrittenReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden tests on the fixed {@link AuditFixture}: sections, numbers as in the CSV files, the
 * variants.
 */
class ReportHtmlTest {

  static final ReportRun RUN =
      new ReportRun(
          "0.1.0-SNAPSHOT", Instant.parse("2025-11-21T10:00:00Z"), "runs/utk/audit.json", null, 0);

  @TempDir Path dir;

  @TempDir static Path shared;

  private static WrittenReport labelled;

  /** The plain labelled report, written once for the tests that only read it. */
  private static synchronized WrittenReport labelled() throws Exception {
    if (labelled == null) {
      labelled =
          WrittenReport.write(
              ReportInput.of(AuditFixture.labelled(), RUN), shared.resolve("labelled"));
    }
    return labelled;
  }

  private WrittenReport write(AuditResult audit) throws Exception {
    return WrittenReport.write(ReportInput.of(audit, RUN), dir);
  }

  private static List<String> sectionIds(Document doc) {
    return doc.select("main > section").eachAttr("id");
  }

  @Test
  void labelledReportHasEverySectionInOrder() throws Exception {
    WrittenReport r = labelled();
    assertEquals(
        List.of(
            "summary",
            "attributes",
            "coverage",
            "confusion",
            "intersections",
            "cs-curves",
            "group-bars",
            "error-rates",
            "calibration",
            "gaps",
            "model",
            "provenance",
            "method",
            "limitations"),
        sectionIds(r.doc()));
    assertEquals(
        sectionIds(r.doc()).stream().map(id -> "#" + id).toList(),
        r.doc().select("nav.toc a").eachAttr("href"));
    assertEquals("en", r.doc().selectFirst("html").attr("lang"));
    assertTrue(r.html().startsWith("<!doctype html>"), r.html().substring(0, 40));
  }

  @Test
  void headlineNumbersAreThoseOfSummaryCsv() throws Exception {
    WrittenReport r = labelled();
    CSVRecord gender = r.row("summary", Map.of("task", "gender", "metric", "accuracy"));
    // the fixture pins 0.91234 [0.90210, 0.92196]
    assertEquals("0.912", gender.get("value"));
    assertEquals("0.902", gender.get("ci_lower"));
    assertEquals("0.922", gender.get("ci_upper"));
    Element card = card(r.doc(), "gender accuracy");
    assertEquals(gender.get("value"), card.selectFirst(".value").text());
    assertEquals(
        List.of(
            "95% CI [" + gender.get("ci_lower") + ", " + gender.get("ci_upper") + "]", "n = 3000"),
        card.select(".ci").eachText());
    CSVRecord mae = r.row("summary", Map.of("task", "age", "metric", "mae"));
    assertEquals(
        List.of("5.43", "5.20", "5.67"),
        List.of(mae.get("value"), mae.get("ci_lower"), mae.get("ci_upper")));
    assertEquals("5.43", card(r.doc(), "age MAE (years)").selectFirst(".value").text());
  }

  @Test
  void withoutAComparisonThereIsNoWhatChangedSectionNorChangesCsv() throws Exception {
    WrittenReport r = labelled();
    assertNull(r.doc().getElementById("changes"));
    assertFalse(r.html().contains("What changed"));
    assertFalse(java.nio.file.Files.exists(r.dir().resolve("changes.csv")));
  }

  @Test
  void aComparisonAddsWhatChangedAfterTheSummary() throws Exception {
    AuditResult audit = AuditFixture.labelled();
    WrittenReport r =
        WrittenReport.write(
            ReportInput.of(audit, RUN).withChanges(ComparisonFixture.against(audit)), dir);
    List<String> ids = sectionIds(r.doc());
    assertEquals(List.of("summary", "changes", "attributes"), ids.subList(0, 3));
    assertEquals("#changes", r.doc().select("nav.toc a").get(1).attr("href"));
    Element section = r.doc().getElementById("changes");
    assertEquals("2.What changed", section.selectFirst("h2").text().replace(". ", "."));

    // the overlap and the verdict counts (6 metrics and 3 gaps in the fixture)
    Element faces = table(section, "Faces compared");
    assertEquals(
        List.of("In both (compared) 2960", "Only in the baseline 25", "Only in the candidate 40"),
        faces.select("tr").eachText());
    Element counts = table(section, "Changes by verdict");
    assertEquals(
        List.of(
            "Improved 3",
            "Worse 3",
            "Changed (neither direction is better) 0",
            "No measurable change 2",
            "Not evaluable 1"),
        counts.select("tr").eachText());

    // headline metrics: only the overall ones, with the verdict as a word
    Element metrics = table(section, "Headline metrics, all faces");
    assertEquals(
        List.of("Metric", "Baseline", "Candidate", "Change [95% interval]", "Verdict"),
        metrics.select("thead th").eachText());
    Elements rows = metrics.select("tbody tr");
    assertEquals(4, rows.size());
    assertEquals(
        List.of(
            "gender accuracy",
            "0.890 [0.878, 0.901]",
            "0.912 [0.902, 0.922]",
            "+0.022 [+0.012, +0.031]",
            "IMPROVED"),
        rows.get(0).children().eachText());
    assertEquals("no measurable change", rows.get(1).child(4).text());
    assertEquals("WORSE", rows.get(2).child(4).text());
    assertEquals("-0.28 [-0.40, -0.15]", rows.get(3).child(3).text());
    assertEquals("IMPROVED", rows.get(3).child(4).text());

    // headline gaps: differences across one attribute's groups (the ratio is only in the CSV)
    Element gaps = table(section, "Headline gaps");
    assertEquals(
        List.of("gender accuracy gap across race", "race accuracy gap across gender"),
        gaps.select("tbody th").eachText());
    assertEquals("WORSE", gaps.select("tbody tr").get(1).child(4).text());

    // gates, warnings and the method sentence
    Element gates = table(section, "Regression gates");
    assertEquals(List.of("FAIL", "PASS"), gates.select(".badge").eachText());
    assertTrue(section.text().contains("cannot be paired"), section.text());
    String text = section.text();
    assertTrue(text.contains("paired bootstrap"), text);
    assertTrue(text.contains("not corrected for multiple comparisons"), text);
    assertNull(section.selectFirst(".notice"), "the candidate is the audited model");

    // the summary says that the comparison gated, beside the audit's own (absent) thresholds
    String summary = r.doc().getElementById("summary").text();
    assertTrue(
        summary.contains(
            "Against the baseline model, on the 2,960 faces both were run on (section What"
                + " changed): 3 changes improved, 3 got worse, 0 changed with no better direction."
                + " 1 of 2 regression gates failed, first: "),
        summary);

    // changes.csv: every change, numbers as shown
    List<CSVRecord> csv = r.csv("changes");
    assertEquals(9, csv.size());
    CSVRecord g = r.row("changes", Map.of("id", "gender.accuracy@all"));
    assertEquals(
        List.of("0.890", "0.912", "+0.022", "+0.012", "+0.031", "improved"),
        List.of(
            g.get("baseline"),
            g.get("candidate"),
            g.get("delta"),
            g.get("delta_ci_lower"),
            g.get("delta_ci_upper"),
            g.get("verdict")));
    CSVRecord ne = r.row("changes", Map.of("id", "gender.accuracy@race=others,age=70+"));
    assertEquals("NA", ne.get("delta"));
    assertEquals("not_evaluable", ne.get("verdict"));
  }

  @Test
  void aComparisonOfAnotherCandidateSaysSo() throws Exception {
    AuditResult audit = AuditFixture.labelled();
    var other = ComparisonFixture.against(audit);
    other =
        new dev.dmtl.audit.compare.ComparisonResult(
            other.toolVersion(),
            other.createdAt(),
            other.baseline(),
            other.candidate(),
            other.baselineModelSha256(),
            ComparisonFixture.BASELINE_SHA.replace('0', 'f'),
            other.options(),
            other.overlap(),
            other.tasks(),
            other.metrics(),
            other.gaps(),
            other.ruleOutcomes(),
            other.warnings());
    WrittenReport r = WrittenReport.write(ReportInput.of(audit, RUN).withChanges(other), dir);
    Element notice = r.doc().getElementById("changes").selectFirst(".notice");
    assertNotNull(notice);
    assertTrue(notice.text().contains("is not the audited model"), notice.text());
  }

  private static Element table(Element section, String captionStart) {
    for (Element t : section.select("table")) {
      if (t.selectFirst("caption").text().startsWith(captionStart)) {
        return t;
      }
    }
    throw new AssertionError("no table " + captionStart);
  }

  private static Element card(Document doc, String label) {
    for (Element c : doc.select("#summary .card")) {
      if (c.selectFirst(".label").text().equals(label)) {
        return c;
      }
    }
    throw new AssertionError("no card " + label);
  }

  @Test
  void intersectionCellsShowTheNumbersOfGroupMetricsCsv() throws Exception {
    WrittenReport r = labelled();
    Elements tables = r.doc().select("#intersections table.intersection");
    assertEquals(7, tables.size(), "one table per grouping but the overall one");
    int checked = 0;
    int insufficient = 0;
    for (Element table : tables) {
      List<String> headers = table.select("thead th").eachText();
      int attributes = headers.indexOf("faces");
      String grouping = String.join(",", headers.subList(0, attributes));
      for (Element tr : table.select("tbody tr")) {
        List<String> values = tr.select("th, td").eachText().subList(0, attributes);
        StringBuilder group = new StringBuilder();
        for (int i = 0; i < attributes; i++) {
          group.append(i == 0 ? "" : ",").append(headers.get(i)).append('=').append(values.get(i));
        }
        Elements cells = tr.select("th, td");
        String[][] metrics = {{"age", "mae"}, {"gender", "accuracy"}, {"race", "accuracy"}};
        for (int m = 0; m < metrics.length; m++) {
          Element cell = cells.get(attributes + 1 + m);
          CSVRecord row =
              r.row(
                  "group_metrics",
                  Map.of(
                      "grouping",
                      grouping,
                      "group",
                      group.toString(),
                      "task",
                      metrics[m][0],
                      "metric",
                      metrics[m][1]));
          if (row.get("insufficient").equals("true")) {
            assertTrue(cell.hasClass("insufficient"), group + " " + metrics[m][0]);
            assertEquals("insufficient n = " + row.get("n"), cell.text());
            assertEquals("NA", row.get("value"), "an insufficient cell is NaN in the CSV, never 0");
            insufficient++;
          } else {
            assertEquals(
                row.get("value") + " [" + row.get("ci_lower") + ", " + row.get("ci_upper") + "]",
                cell.text());
          }
          checked++;
        }
      }
    }
    assertEquals(3 * (2 + 5 + 9 + 10 + 18 + 45 + 90), checked);
    assertTrue(
        insufficient > 30, "the triple intersections hold many small cells: " + insufficient);
  }

  @Test
  void gapsAndRulesShowTheirCsvNumbersAndStatus() throws Exception {
    WrittenReport r = labelled();
    CSVRecord failed = r.row("rules", Map.of("subject", "gender.accuracy.gap@race"));
    assertEquals("violated", failed.get("status"));
    Element row =
        r.doc().select("#gaps table.rules tbody tr").stream()
            .filter(tr -> tr.select("td").get(1).text().equals("gender.accuracy.gap@race"))
            .findFirst()
            .orElseThrow();
    assertEquals(failed.get("observed"), row.select("td").get(3).text());
    assertEquals("FAIL", row.selectFirst(".badge").text());
    assertTrue(row.hasClass("row-fail"));
    CSVRecord gap = r.row("gaps", Map.of("gap_id", "gender.accuracy.gap@race"));
    assertEquals("violated", gap.get("rule_status"));
    Element gapRow =
        r.doc().select("#gaps table.gaps tbody tr").stream()
            .filter(
                tr ->
                    tr.selectFirst("th").text().equals("gender accuracy")
                        && tr.select("td").get(0).text().equals("race"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        gap.get("value") + " [" + gap.get("ci_lower") + ", " + gap.get("ci_upper") + "]",
        gapRow.select("td").get(1).text());
    // the verdict fails and says which check
    Element verdict = r.doc().selectFirst("#summary .verdict");
    assertTrue(verdict.hasClass("status-fail"));
    assertEquals("FAIL", verdict.selectFirst(".badge").text());
    assertTrue(
        verdict
            .text()
            .contains(
                "Failed: gender.accuracy.gap@race is " + failed.get("observed") + ", the rule"),
        verdict.text());
    // a gap with fewer than two measurable groups is NA, never 0
    CSVRecord na = r.row("gaps", Map.of("gap_id", "race.recall[others].gap@race"));
    assertEquals(
        List.of("NA", "NA", "NA", "1"),
        List.of(
            na.get("value"), na.get("ci_lower"), na.get("ci_upper"), na.get("groups_compared")));
  }

  @Test
  void coverageAndConfusionMatchTheirCsv() throws Exception {
    WrittenReport r = labelled();
    CSVRecord all = r.row("coverage", Map.of("group", "all"));
    assertEquals(
        List.of("3100", "3000", "80", "20", "15", "5"),
        List.of(
            all.get("inputs"),
            all.get("with_prediction"),
            all.get("no_face"),
            all.get("failed"),
            all.get("dead_decode"),
            all.get("dead_read")));
    Element overall = r.doc().selectFirst("#coverage table tbody tr");
    assertEquals(
        "3100 3000 80 20 "
            + all.get("coverage")
            + " ["
            + all.get("ci_lower")
            + ", "
            + all.get("ci_upper")
            + "]",
        overall.text());
    // gender heatmap: 1427 of 1560 men read as men, row share 0.915
    CSVRecord cell =
        r.row(
            "confusion",
            Map.of(
                "group", "all", "task", "gender", "true_class", "male", "predicted_class", "male"));
    assertEquals("1427", cell.get("count"));
    assertEquals("0.915", cell.get("row_share"));
    Element heat = r.doc().select("#confusion table.heatmap").get(1);
    assertEquals("gender (3000 faces)", heat.selectFirst("caption").text());
    assertEquals("1427 0.915", heat.selectFirst("tbody tr td.cell").text());
  }

  @Test
  void everyChartHasATextAlternative() throws Exception {
    WrittenReport r = labelled();
    Elements charts = r.doc().select("svg.chart");
    assertTrue(
        charts.size() >= 4 + 9 + 3,
        "CS curves, bars per metric and attribute, coverage: " + charts.size());
    for (Element svg : charts) {
      assertEquals("img", svg.attr("role"));
      String[] ids = svg.attr("aria-labelledby").split(" ");
      assertEquals(2, ids.length);
      Element title = r.doc().getElementById(ids[0]);
      Element desc = r.doc().getElementById(ids[1]);
      assertNotNull(title);
      assertNotNull(desc);
      assertEquals("title", title.tagName());
      assertFalse(title.text().isBlank());
      assertTrue(desc.text().length() > 40, desc.text());
    }
    // the bar charts' descriptions carry the numbers: gender accuracy of race=others is 0.855
    assertTrue(
        r.doc().select("svg.chart desc").eachText().stream()
            .anyMatch(d -> d.contains("others: 0.855 [")));
  }

  @Test
  void labelFreeVariantSaysItIsNotAnAccuracyAudit() throws Exception {
    WrittenReport r = write(AuditFixture.labelFree());
    assertEquals(AuditResult.LABEL_FREE_NOTICE, r.doc().selectFirst("#summary .notice").text());
    assertEquals("Prediction profile report (label-free)", r.doc().selectFirst("h1").text());
    assertTrue(r.doc().selectFirst("#summary .verdict").hasClass("status-descriptive"));
    assertNull(r.doc().getElementById("cs-curves"));
    assertTrue(r.doc().select("#confusion table.heatmap").isEmpty());
    assertTrue(r.doc().selectFirst("#confusion").text().contains("No confusion matrices"));
    // the headline metric is the mean confidence, with the CSV's numbers
    CSVRecord conf = r.row("summary", Map.of("task", "gender", "metric", "mean_confidence"));
    assertEquals(
        conf.get("value"), card(r.doc(), "gender mean confidence").selectFirst(".value").text());
    assertTrue(r.csv("confusion").isEmpty());
    assertTrue(
        r.doc().selectFirst("#limitations").text().contains("This is not an accuracy audit"));
  }

  @Test
  void everyReportOpensWithTheSameHowToReadBox() throws Exception {
    List<String> texts = new ArrayList<>();
    for (WrittenReport r : List.of(labelled(), write(AuditFixture.labelFree()))) {
      Element box = r.doc().getElementById("how-to-read");
      assertNotNull(box);
      assertEquals("How to read this report", box.selectFirst("h2").text());
      // before the contents and the sections: the first thing after the header
      assertEquals("header", box.previousElementSibling().tagName());
      assertEquals(
          ReadingGuide.ENTRIES.stream().map(ReadingGuide.Entry::term).toList(),
          box.select("dt").eachText());
      for (String term : List.of("range", "insufficient", "verdict")) {
        assertTrue(box.text().contains(term), term);
      }
      texts.add(box.outerHtml());
    }
    assertEquals(texts.get(0), texts.get(1), "one text, not written per run");
  }

  @Test
  void everyTableIsNamedAndEveryScrollBoxReachableByKeyboard() throws Exception {
    for (WrittenReport r : List.of(labelled(), write(AuditFixture.labelFree()), calibrated())) {
      for (Element table : r.doc().select("table")) {
        Element caption = table.selectFirst("caption");
        assertTrue(
            caption != null && !caption.text().isBlank(),
            "a table without a caption: " + table.select("thead th").eachText());
        // a box that scrolls must take focus (WCAG 2.1.1), and a focusable region needs a name
        Element wrap = table.parent();
        assertTrue(wrap.hasClass("table-wrap"), wrap.tagName());
        assertEquals("0", wrap.attr("tabindex"));
        assertEquals("region", wrap.attr("role"));
        assertTrue(
            wrap.attr("aria-label").endsWith(caption.text()),
            wrap.attr("aria-label") + " names " + caption.text());
      }
    }
  }

  @Test
  void withoutRulesTheReportJudgesNothing() throws Exception {
    WrittenReport r = write(AuditFixture.labelledWithoutRules());
    Element verdict = r.doc().selectFirst("#summary .verdict");
    assertTrue(verdict.hasClass("status-review"));
    assertEquals("NO THRESHOLDS", verdict.selectFirst(".badge").text());
    assertTrue(r.csv("rules").isEmpty());
    assertTrue(
        r.doc().select("#summary table tbody tr .badge").eachText().stream()
            .allMatch("NO RULE"::equals));
  }

  @Test
  void theModelSectionShowsTaskWeightsAndHistoryWhenTheModelCarriesThem() throws Exception {
    ReportInput in = ReportInput.of(AuditFixture.labelled(), RUN).withModel(ModelFixture.trained());
    WrittenReport r = WrittenReport.write(in, dir);
    // β by Eq. 16 from s = (1.21, -0.83, 0.27): hand-computed 0.089, 0.684, 0.228
    assertEquals(
        List.of("0.089", "0.684", "0.228"),
        r.csv("model_tasks").stream().map(x -> x.get("beta")).toList());
    Elements rows = r.doc().select("#model table").first().select("tbody tr");
    assertEquals("age ordinal age_logits 1–116 (116 ranks) 1.210 3.353 0.089", rows.get(0).text());
    assertEquals(12, r.csv("training_history").size());
    assertTrue(
        r.doc().select("#model svg.chart title").eachText().contains("Task weights β per epoch"));
    assertTrue(r.doc().selectFirst("#limitations").text().contains("non-commercial research"));
    // a model without any of it: no β, no history, and the report says so
    WrittenReport bare =
        WrittenReport.write(
            ReportInput.of(AuditFixture.labelled(), RUN).withModel(ModelFixture.bare()),
            dir.resolve("bare"));
    assertEquals(
        List.of("NA", "NA", "NA"),
        bare.csv("model_tasks").stream().map(x -> x.get("beta")).toList());
    assertFalse(bare.files().csv().stream().anyMatch(p -> p.endsWith("training_history.csv")));
    assertTrue(bare.doc().selectFirst("#model").text().contains("carries no training history"));
    assertTrue(
        bare.doc()
            .selectFirst("#summary .warnings")
            .text()
            .contains("not the model the predictions were made with"));
  }

  @Test
  void saliencySectionDrawsOneMapPerTaskAndGroupWithoutFacePixels() throws Exception {
    AuditResult audit = dev.dmtl.reports.testing.SaliencyFixture.with(AuditFixture.labelled());
    WrittenReport r = write(audit);
    List<String> ids = sectionIds(r.doc());
    assertEquals(ids.indexOf("gaps") + 1, ids.indexOf("saliency"), ids.toString());
    Element section = r.doc().getElementById("saliency");
    assertTrue(section.selectFirst("h2").text().endsWith("Where the model looks"));
    assertTrue(section.select("img").isEmpty(), "no face pixels");
    assertTrue(section.text().contains("without a privacy notice"));
    // overall + every single-attribute group with at least 30 faces, per task; right and wrong
    // for overall and the task's own groups; one legend per task
    long drawnGroups =
        audit.groups().stream()
            .filter(g -> g.key().grouping().order() <= 1 && g.n() >= 30 && !g.key().hasUnknown())
            .count();
    int tasks = audit.tasks().size();
    assertEquals(tasks, section.select("svg.saliency-legend").size(), "one colour scale per task");
    assertTrue(
        section.select("figure.saliency-figure svg.saliency").size() >= tasks * drawnGroups,
        "a map per task and group");
    Element first = section.selectFirst("svg.saliency");
    assertEquals(49, first.select("rect.saliency-cell").size());
    assertEquals(5, first.select("circle.saliency-landmark").size());
    assertEquals(1, first.select("rect.saliency-face").size());
    assertTrue(first.selectFirst("desc").text().contains("around the eyes"));
    // the reading aid: the table's strings are saliency.csv's
    CSVRecord overall = r.row("saliency", Map.of("task", "race", "group", "all", "answers", "all"));
    String text = section.text();
    assertTrue(text.contains("The largest difference: race, group '"), text);
    Element table = section.selectFirst("table caption:contains(race attention)").parent();
    Element row = table.selectFirst("tbody tr");
    assertEquals("overall", row.child(0).text());
    assertEquals(overall.get("eyes"), row.child(4).text());
    assertEquals(overall.get("outside_face"), row.child(7).text());
  }

  @Test
  void anExampleShowsItsFacesMapNextToItsCrop() throws Exception {
    AuditResult audit = dev.dmtl.reports.testing.SaliencyFixture.with(AuditFixture.labelled());
    ReportRun run =
        new ReportRun(
            "0.1.0-SNAPSHOT",
            Instant.parse("2025-11-21T10:00:00Z"),
            "runs/utk/audit.json",
            null,
            1);
    List<Float> cells = new java.util.ArrayList<>();
    for (int c = 0; c < 16; c++) {
      cells.add(c == 5 ? 3f : c == 6 ? 1f : -1f);
    }
    dev.dmtl.reports.input.Example example =
        new dev.dmtl.reports.input.Example(
            new dev.dmtl.audit.examples.WorstError(
                "gender",
                1,
                new dev.dmtl.audit.examples.FaceRef("a.jpg", null, 0, null),
                "female",
                "male",
                Double.NaN,
                0.97),
            dev.dmtl.reports.examples.ExampleCrop.unavailable("moved"),
            new dev.dmtl.audit.examples.ExampleMap("cam", 4, 4, cells));
    WrittenReport r =
        WrittenReport.write(ReportInput.of(audit, run).withExamples(List.of(example)), dir);
    Element card = r.doc().selectFirst("#examples .example");
    Element map = card.selectFirst(".example-map svg.saliency");
    assertEquals(16, map.select("rect.saliency-cell").size());
    assertTrue(map.selectFirst("title").text().startsWith("gender class activation map of face 1"));
    // shares 0.75 and 0.25: the brightest cell is viridis' top, the negative cells its bottom
    assertEquals("#fde725", map.select("rect.saliency-cell").get(5).attr("fill"));
    assertEquals("#440154", map.select("rect.saliency-cell").get(0).attr("fill"));
  }

  @Test
  void withoutMapsThereIsNoSaliencySectionNorCsv() throws Exception {
    WrittenReport r = labelled();
    assertNull(r.doc().getElementById("saliency"));
    assertFalse(r.files().csv().stream().anyMatch(p -> p.endsWith("saliency.csv")));
  }

  @Test
  void noFaceImageUnlessAskedFor() throws Exception {
    WrittenReport r = labelled();
    assertTrue(r.doc().select("img").isEmpty());
    assertNull(r.doc().getElementById("examples"));
    assertFalse(r.files().csv().stream().anyMatch(p -> p.endsWith("examples.csv")));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ReportInput(
                AuditFixture.labelled(),
                null,
                List.of(
                    new dev.dmtl.reports.input.Example(
                        new dev.dmtl.audit.examples.WorstError(
                            "age",
                            1,
                            new dev.dmtl.audit.examples.FaceRef("a.jpg", null, 0, null),
                            "30",
                            "50",
                            20,
                            Double.NaN),
                        dev.dmtl.reports.examples.ExampleCrop.unavailable("x"))),
                RUN));
  }

  @Test
  void isSelfContained() throws Exception {
    WrittenReport r = labelled();
    Document doc = r.doc();
    assertTrue(
        doc.select("script, link, iframe, object, embed, img, source, base, form").isEmpty());
    for (Element e : doc.getAllElements()) {
      for (org.jsoup.nodes.Attribute a : e.attributes()) {
        String key = a.getKey().toLowerCase(java.util.Locale.ROOT);
        if (key.equals("href")) {
          assertTrue(a.getValue().startsWith("#"), "only in-page links: " + a);
        }
        assertFalse(
            key.equals("src") || key.equals("srcset") || key.equals("xlink:href"),
            e.tagName() + " " + a);
      }
    }
    assertFalse(doc.select("style").html().contains("url("), "no url() in the stylesheet");
    assertFalse(doc.select("style").html().contains("@import"));
    assertFalse(doc.select("style").html().contains("@font-face"));
    Element csp = doc.selectFirst("meta[http-equiv=Content-Security-Policy]");
    assertTrue(csp.attr("content").startsWith("default-src 'none'"));
    assertTrue(doc.select("style").html().contains("@media print"));
  }

  private static WrittenReport calibrated;

  /** The report of the fixture with attributes, calibration, error rates and flags. */
  private static synchronized WrittenReport calibrated() throws Exception {
    if (calibrated == null) {
      calibrated =
          WrittenReport.write(
              ReportInput.of(CalibratedAuditFixture.build(), RUN), shared.resolve("calibrated"));
    }
    return calibrated;
  }

  @Test
  void attributesSectionShowsTheFileItsJoinAndEveryAttribute() throws Exception {
    WrittenReport r = calibrated();
    Element section = r.doc().getElementById("attributes");
    List<String> join = section.select("table.kv tr").eachText();
    assertTrue(
        join.contains("attribute file " + CalibratedAuditFixture.ATTRIBUTE_FILE), join.toString());
    assertTrue(join.contains("SHA-256 " + CalibratedAuditFixture.ATTRIBUTE_SHA), join.toString());
    assertTrue(join.contains("key column path"), join.toString());
    assertTrue(join.contains("rows in the file 3095"), join.toString());
    assertTrue(join.contains("inputs matched by a row 3088"), join.toString());
    assertTrue(join.contains("inputs without a row (group \"unknown\") 12"), join.toString());
    assertTrue(join.contains("rows matching no audited input (not used) 7"), join.toString());
    Elements rows = section.select("table.attributes tbody tr");
    assertEquals(
        List.of("gender", "race", "age", "site", "lux"),
        rows.stream().map(tr -> tr.selectFirst("th").text()).toList());
    assertEquals(
        "site attribute file A (1500), B (1000), C (488), unknown (12) — 12", rows.get(3).text());
    assertEquals(
        "lux attribute file q1 (996), q2 (996), q3 (996), unknown (12) lux=q3; cut at 35.2 88.9 12",
        rows.get(4).text());
    assertEquals("true label of task gender", rows.get(0).select("td").get(0).text());
    // the same in attributes.csv, with the join on the file's rows only
    CSVRecord c = r.row("attributes", Map.of("attribute", "site", "value", "C"));
    assertEquals(
        List.of(
            "file", "488", "12", CalibratedAuditFixture.ATTRIBUTE_SHA, "path", "3095", "12", "7"),
        List.of(
            c.get("source"),
            c.get("faces"),
            c.get("unknown_inputs"),
            c.get("file_sha256"),
            c.get("key_column"),
            c.get("file_rows"),
            c.get("inputs_without_row"),
            c.get("rows_without_input")));
    CSVRecord lux = r.row("attributes", Map.of("attribute", "lux", "value", "q2"));
    assertEquals(List.of("lux=q3", "35.2 88.9"), List.of(lux.get("bins"), lux.get("cuts")));
    CSVRecord gender = r.row("attributes", Map.of("attribute", "gender", "value", "female"));
    assertEquals(
        List.of("truth", "gender", ""),
        List.of(gender.get("source"), gender.get("task"), gender.get("file")));
    // groups by the file's attributes are in the group tables like the tasks' own
    assertTrue(
        r.doc().select("#intersections h3").eachText().containsAll(List.of("By site", "By lux")));
    assertTrue(
        r.doc()
            .select("#group-bars svg.chart title")
            .eachText()
            .contains("Gender accuracy by site"));
  }

  @Test
  void withoutAnAttributeFileTheSectionSaysSo() throws Exception {
    Element section = labelled().doc().getElementById("attributes");
    assertTrue(section.text().contains("No attribute file was given"), section.text());
    assertTrue(section.select("table.kv").isEmpty());
    assertEquals(3, section.select("table.attributes tbody tr").size());
    assertEquals(
        List.of("", "", ""),
        labelled().csv("attributes").stream()
            .filter(
                x ->
                    x.get("value").equals("male")
                        || x.get("value").equals("white")
                        || x.get("value").equals("0-2"))
            .map(x -> x.get("file"))
            .toList());
  }

  @Test
  void calibrationSectionDrawsReliabilityDiagramsAndTabulatesTheMetrics() throws Exception {
    WrittenReport r = calibrated();
    Element section = r.doc().getElementById("calibration");
    List<String> titles = section.select("svg.chart title").eachText();
    assertEquals(
        List.of(
            "Threshold reliability of age, all faces",
            "Worst-calibrated groups of age (threshold calibration error)",
            "Expected against true age, all faces",
            "Reliability of gender, all faces",
            "Worst-calibrated groups of gender (calibration error (ECE))"),
        titles);
    for (Element svg : section.select("svg.chart")) {
      assertEquals(1, svg.select("line.diagonal").size(), "the diagonal");
    }
    // the worst group first: site C, pinned over-confident; its bin counts are described in text
    Element worst = section.select("figure.chart-figure").get(4);
    assertEquals(
        List.of("site = C", "site = A", "site = B", "all faces", "perfectly calibrated"),
        worst.select("ul.legend li").eachText());
    assertTrue(
        worst.selectFirst("figcaption").text().contains("site = C [0 0 0 0 0 "), worst.text());
    assertTrue(
        worst.selectFirst("desc").text().contains("site = C (calibration error (ECE) 0.142 ["),
        worst.selectFirst("desc").text());
    // the overall chart draws equal-width and equal-mass bins, the empty bins below 0.5 left out
    Element overall = section.select("figure.chart-figure").get(3);
    assertEquals(2, overall.select("polyline.line").size());
    assertEquals(5 + 10, overall.select("circle.marker").size());
    // the table cells are calibration.csv's strings
    CSVRecord ece =
        r.row("calibration", Map.of("task", "gender", "group", "site=C", "metric", "ece"));
    assertEquals("0.142", ece.get("value"));
    Element row =
        section.select("table.calibration").get(1).select("tbody tr").stream()
            .filter(tr -> tr.selectFirst("th").text().equals("site = C"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        row.select("td")
            .get(1)
            .text()
            .startsWith(
                ece.get("value") + " [" + ece.get("ci_lower") + ", " + ece.get("ci_upper") + "]"),
        row.text());
    assertEquals(
        List.of(
            "group",
            "faces",
            "calibration error (ECE)",
            "calibration error (ECE, equal-mass bins)",
            "maximum calibration error",
            "Brier score",
            "log-loss",
            "ROC AUC"),
        section.select("table.calibration").get(1).select("thead th").eachText());
    assertEquals(
        List.of(
            "group",
            "faces",
            "threshold calibration error",
            "threshold Brier score",
            "expected-age bias (years)",
            "expected-age calibration error (years)"),
        section.select("table.calibration").get(0).select("thead th").eachText());
    // reliability.csv holds every bin, empty ones NA
    CSVRecord bin =
        r.row(
            "reliability",
            Map.of("task", "gender", "group", "all", "binning", "confidence_width", "bin", "0"));
    assertEquals(
        List.of("0", "NA", "NA"),
        List.of(bin.get("count"), bin.get("mean_predicted"), bin.get("observed")));
    CSVRecord years =
        r.row(
            "reliability",
            Map.of("task", "age", "group", "all", "binning", "expected_age", "bin", "8"));
    assertEquals(
        List.of("70.00", "116.00", "78.00"),
        List.of(years.get("lower"), years.get("upper"), years.get("mean_predicted")));
  }

  @Test
  void withoutProbabilitiesThereIsNoCalibrationAndTheReportSaysSo() throws Exception {
    WrittenReport r = labelled();
    Element calibration = r.doc().getElementById("calibration");
    assertEquals(1, calibration.select("p.absent").size());
    assertTrue(calibration.text().contains("No calibration"), calibration.text());
    assertTrue(calibration.select("svg, table").isEmpty());
    Element rates = r.doc().getElementById("error-rates");
    assertTrue(rates.text().contains("No per-class error rates"), rates.text());
    for (String file : List.of("calibration.csv", "reliability.csv", "error_rates.csv")) {
      assertFalse(r.files().csv().stream().anyMatch(p -> p.endsWith(file)), file);
    }
    assertFalse(r.doc().getElementById("method").text().contains("Multiple comparisons"));
    assertFalse(r.doc().getElementById("method").text().contains("equal-mass"));
    // label-free: nothing to calibrate against, no section at all
    WrittenReport free = write(AuditFixture.labelFree());
    assertNull(free.doc().getElementById("calibration"));
    assertNull(free.doc().getElementById("error-rates"));
  }

  @Test
  void errorRateSectionShowsAequitasRatesWithDisparitiesAndFlags() throws Exception {
    WrittenReport r = calibrated();
    Element section = r.doc().getElementById("error-rates");
    assertEquals(
        List.of(
            "gender = male against the rest, with 95% intervals",
            "gender = female against the rest, with 95% intervals"),
        section.select("table.error-rates caption").eachText());
    Element table = section.select("table.error-rates").get(1);
    assertEquals(
        List.of(
            "group",
            "faces",
            "false-negative rate",
            "false-positive rate",
            "true-negative rate",
            "false discovery rate",
            "false omission rate",
            "negative predictive value",
            "selection rate",
            "prevalence"),
        table.select("thead th").eachText());
    Element siteA =
        table.select("tbody tr").stream()
            .filter(tr -> tr.selectFirst("th").text().startsWith("site = A"))
            .findFirst()
            .orElseThrow();
    assertEquals("site = A ref.", siteA.selectFirst("th").text());
    Element siteC =
        table.select("tbody tr").stream()
            .filter(tr -> tr.selectFirst("th").text().equals("site = C"))
            .findFirst()
            .orElseThrow();
    CSVRecord fdr =
        r.row("error_rates", Map.of("class", "female", "group", "site=C", "metric", "fdr"));
    assertEquals(
        fdr.get("value")
            + " ["
            + fdr.get("ci_lower")
            + ", "
            + fdr.get("ci_upper")
            + "] disparity "
            + fdr.get("disparity")
            + " ["
            + fdr.get("disparity_lower")
            + ", "
            + fdr.get("disparity_upper")
            + "]",
        siteC.select("td").get(4).text().replaceAll(" p .*", "").replace(" FLAGGED", ""));
    // FDR = 1 − precision: tested through precision, which the fixture leaves untested
    assertEquals("NA", fdr.get("p_value"));
    // FNR is tested as recall, which the fixture does test in the gender groups: same decision
    CSVRecord fnr =
        r.row("error_rates", Map.of("class", "female", "group", "gender=female", "metric", "fnr"));
    CSVRecord recall =
        r.row(
            "group_metrics",
            Map.of(
                "group", "gender=female", "task", "gender", "metric", "recall", "class", "female"));
    assertEquals(recall.get("p_adjusted"), fnr.get("p_adjusted"));
    assertEquals(recall.get("flagged"), fnr.get("flagged"));
  }

  @Test
  void pValuesAndFlagsAreInTheGroupAndGapTablesAndTheVerdict() throws Exception {
    WrittenReport r = calibrated();
    CSVRecord acc =
        r.row("group_metrics", Map.of("group", "site=C", "task", "gender", "metric", "accuracy"));
    assertEquals("true", acc.get("flagged"));
    assertTrue(Double.parseDouble(acc.get("p_adjusted")) <= 0.05, acc.get("p_adjusted"));
    assertTrue(Double.parseDouble(acc.get("p_adjusted")) >= Double.parseDouble(acc.get("p_value")));
    Element table =
        r.doc().select("#intersections h3").stream()
            .filter(h -> h.text().equals("By site"))
            .findFirst()
            .orElseThrow()
            .nextElementSibling();
    Element cRow =
        table.select("tbody tr").stream()
            .filter(tr -> tr.selectFirst("th").text().equals("C"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        acc.get("value")
            + " ["
            + acc.get("ci_lower")
            + ", "
            + acc.get("ci_upper")
            + "] p "
            + acc.get("p_value")
            + ", adjusted "
            + acc.get("p_adjusted")
            + " FLAGGED",
        cRow.select("td").get(2).text());
    // the reference group is not tested: no p-value, no flag
    CSVRecord ref =
        r.row("group_metrics", Map.of("group", "site=A", "task", "gender", "metric", "accuracy"));
    assertEquals(
        List.of("NA", "NA", "false"),
        List.of(ref.get("p_value"), ref.get("p_adjusted"), ref.get("flagged")));
    // the gap over site is flagged, in gaps.csv and in the gap table
    assertEquals(
        "true", r.row("gaps", Map.of("gap_id", "gender.accuracy.gap@site")).get("flagged"));
    Element gapRow =
        r.doc().select("#gaps table.gaps tbody tr").stream()
            .filter(
                tr ->
                    tr.selectFirst("th").text().equals("gender accuracy")
                        && tr.select("td").get(0).text().equals("site"))
            .findFirst()
            .orElseThrow();
    assertEquals("FLAGGED", gapRow.select("td").get(5).text());
    long unflagged = r.csv("gaps").stream().filter(g -> g.get("flagged").equals("false")).count();
    assertTrue(unflagged > 0, "not every gap is flagged");
    // the flagged differences are listed, smallest adjusted p-value first, at most 25
    Element flaggedTable = r.doc().selectFirst("#gaps table.flagged");
    assertTrue(
        flaggedTable
            .selectFirst("caption")
            .text()
            .startsWith("The 25 smallest adjusted p-values of "),
        flaggedTable.selectFirst("caption").text());
    List<Double> adjusted =
        flaggedTable.select("tbody tr").stream()
            .map(tr -> Double.parseDouble(tr.select("td").get(4).text()))
            .toList();
    assertEquals(25, adjusted.size());
    assertEquals(adjusted.stream().sorted().toList(), adjusted);
    assertTrue(adjusted.get(24) <= 0.05);
    // the verdict counts them and names the correction
    long flaggedGaps = r.csv("gaps").stream().filter(g -> g.get("flagged").equals("true")).count();
    String verdict = r.doc().selectFirst("#summary .verdict").text();
    assertTrue(
        verdict.contains(
            "differences to a reference group are significant after the Holm "
                + "(family-wise error rate) correction at α = 0.05; "
                + flaggedGaps
                + " of "
                + r.csv("gaps").size()
                + " gaps are flagged"),
        verdict);
    // without tests (the plain fixture has none) the gap table says so with a dash
    Element plain = labelled().doc().select("#gaps table.gaps tbody tr").get(0);
    assertEquals("—", plain.select("td").get(5).text());
  }

  @Test
  void methodNotesStateTheBootstrapOrderTestsCorrectionAndBinning() throws Exception {
    String method = calibrated().doc().getElementById("method").text();
    for (String expected :
        List.of(
            "1000 cluster bootstrap resamples over images",
            "all faces of one photo come along together",
            "sorted by image SHA-256, then source address, then face index",
            "whatever the pipeline's parallelism",
            "pooled two-proportion z-test",
            "Wald test with the bootstrap standard error",
            "adjusted with Holm (family-wise error rate) at α = 0.05",
            "10 equal-width bins on [0, 1]",
            "10 equal-mass bins")) {
      assertTrue(method.contains(expected), expected + " in: " + method);
    }
  }
}
