package dev.dmtl.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.config.FailRule;
import dev.dmtl.audit.config.ModeChoice;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.io.AuditCsv;
import dev.dmtl.audit.io.AuditJson;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.InputFile;
import dev.dmtl.audit.result.RuleOutcome;
import dev.dmtl.audit.result.TaskSource;
import dev.dmtl.audit.rules.RuleEvaluator;
import dev.dmtl.contract.ContentHash;
import dev.dmtl.parquet.testing.SyntheticRun;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit over real Parquet files: inputs, provenance, JSON and CSV outputs, rules. */
class AuditorFilesTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir static Path dir;
  private static SyntheticRun.Files withFooter;
  private static SyntheticRun.Files withoutFooter;
  private static AuditResult result;

  @BeforeAll
  static void fixture() throws Exception {
    Path a = Files.createDirectories(dir.resolve("footer"));
    Path b = Files.createDirectories(dir.resolve("columns"));
    withFooter = SyntheticRun.write(a, new SyntheticRun.Options(3000, 11, false, true, true));
    withoutFooter = SyntheticRun.write(b, new SyntheticRun.Options(3000, 11, false, true, false));
    result =
        new Auditor(
                AuditOptions.defaults()
                    .withResamples(100)
                    .withFailRules(
                        List.of(
                            FailRule.parse("gender.accuracy.gap@age>0.05"),
                            FailRule.parse("gender.accuracy<0.5"))),
                CLOCK)
            .audit(AuditInputs.discover(List.of(a)));
  }

  @Test
  void discoversFilesAndRecordsProvenance() throws Exception {
    assertEquals(2, result.provenance().inputs().size());
    InputFile p = result.provenance().inputs().get(0);
    assertEquals(InputFile.Kind.PREDICTIONS, p.kind());
    assertEquals(withFooter.predictionRows(), p.rows());
    assertEquals(ContentHash.sha256Hex(withFooter.predictions()), p.sha256());
    assertEquals(InputFile.Kind.DEAD_LETTERS, result.provenance().inputs().get(1).kind());
    assertEquals(withFooter.deadLetterRows(), result.provenance().inputs().get(1).rows());
    assertEquals(SyntheticRun.MODEL_SHA256, result.provenance().modelSha256());
    assertEquals(TaskSource.FOOTER, result.provenance().taskSource());
    assertEquals(CLOCK.instant(), result.provenance().createdAt());
    assertEquals(42L, result.provenance().options().seed());
    assertFalse(result.provenance().toolVersion().isBlank());
    assertEquals(116, result.tasks().get(0).task().ranks().size());
  }

  @Test
  void tasksFromColumnsWhenTheFooterHasNone() throws Exception {
    AuditResult inferred =
        new Auditor(AuditOptions.defaults().withResamples(100), CLOCK)
            .audit(
                new AuditInputs(
                    List.of(withoutFooter.predictions()), List.of(withoutFooter.deadLetters())));
    assertEquals(TaskSource.COLUMNS, inferred.provenance().taskSource());
    assertEquals(null, inferred.provenance().modelSha256());
    assertTrue(inferred.warnings().stream().anyMatch(w -> w.contains("inferred from the columns")));
    assertEquals(
        result.tasks().stream().map(t -> t.labels()).toList(),
        inferred.tasks().stream().map(t -> t.labels()).toList());
    // same rows, same seed: the same numbers, intervals included
    assertEquals(result.groups(), inferred.groups());
    assertEquals(result.gaps(), inferred.gaps());
  }

  @Test
  void jsonRoundTrips() throws Exception {
    Path json = dir.resolve("audit.json");
    AuditJson.write(result, json, true);
    AuditResult back = AuditJson.read(json);
    assertEquals(result, back);
    String text = Files.readString(json);
    assertTrue(text.contains("\"schema\" : \"dmtl-audit\""), text.substring(0, 200));
    assertFalse(text.contains("NaN"), "NaN must be written as null");
  }

  @Test
  void csvTables() throws Exception {
    Path out = dir.resolve("csv");
    List<Path> files = AuditCsv.write(result, out);
    assertEquals(
        List.of(
            AuditCsv.GROUPS,
            AuditCsv.GAPS,
            AuditCsv.CONFUSION,
            AuditCsv.COVERAGE,
            AuditCsv.RULES,
            AuditCsv.RELIABILITY,
            AuditCsv.ATTRIBUTES),
        files.stream().map(f -> f.getFileName().toString()).toList());
    try (Reader r = Files.newBufferedReader(out.resolve(AuditCsv.GROUPS));
        CSVParser p =
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
      List<CSVRecord> rows = p.getRecords();
      assertEquals(result.groups().stream().mapToInt(g -> g.metrics().size()).sum(), rows.size());
      CSVRecord first =
          rows.stream()
              .filter(x -> x.get("key").equals("gender.accuracy"))
              .findFirst()
              .orElseThrow();
      assertEquals("all", first.get("group"));
      assertEquals(
          result.overall().value(MetricKey.parse("gender.accuracy")),
          Double.parseDouble(first.get("value")));
      assertTrue(
          p.getHeaderNames()
              .containsAll(List.of("age", "gender", "race", "wilson_lower", "vs_reference")));
    }
    try (Reader r = Files.newBufferedReader(out.resolve(AuditCsv.CONFUSION));
        CSVParser p =
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
      long rows = p.getRecords().size();
      long expected =
          result.confusionMatrices().stream()
              .mapToLong(c -> (long) c.classes().size() * c.classes().size())
              .sum();
      assertEquals(expected, rows);
    }
  }

  @Test
  void rules() {
    List<RuleOutcome> gap =
        result.ruleOutcomes().stream()
            .filter(o -> o.rule().text().startsWith("gender.accuracy.gap"))
            .toList();
    assertEquals(1, gap.size());
    assertEquals("gender.accuracy.gap@age", gap.get(0).subject());
    // children's gender is much harder in this fixture: the gap is about 0.2
    assertEquals(RuleOutcome.Status.VIOLATED, gap.get(0).status());
    assertTrue(result.failed());
    RuleOutcome floor =
        result.ruleOutcomes().stream()
            .filter(o -> o.rule().text().equals("gender.accuracy<0.5"))
            .findFirst()
            .orElseThrow();
    assertEquals(RuleOutcome.Status.PASSED, floor.status());
    assertEquals("gender.accuracy@all", floor.subject());
    // small groups are not evaluable, never a pass or a failure by accident
    // a scope names attributes in any order
    List<RuleOutcome> perGroup =
        RuleEvaluator.evaluate(result, List.of(FailRule.parse("age.mae@race,gender,age>0")));
    assertEquals(90, perGroup.size());
    assertTrue(perGroup.stream().anyMatch(o -> o.status() == RuleOutcome.Status.NOT_EVALUABLE));
    assertTrue(perGroup.stream().anyMatch(o -> o.status() == RuleOutcome.Status.VIOLATED));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RuleEvaluator.evaluate(
                    result, List.of(FailRule.parse("gender.accuracy.gap@hair>0.05"))));
    assertTrue(e.getMessage().contains("matches nothing"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RuleEvaluator.evaluate(
                result, List.of(FailRule.parse("race.recall[latino].gap>0.05"))));
    assertThrows(
        IllegalArgumentException.class,
        () -> RuleEvaluator.evaluate(result, List.of(FailRule.parse("race.mae.gap>1"))));
  }

  @Test
  void severalPredictionFilesOfOneModel() throws Exception {
    Path d = Files.createDirectories(dir.resolve("second"));
    SyntheticRun.Files second =
        SyntheticRun.write(d, new SyntheticRun.Options(400, 99, false, true, true));
    AuditResult both =
        new Auditor(AuditOptions.defaults().withResamples(0), CLOCK)
            .audit(
                new AuditInputs(
                    List.of(withFooter.predictions(), second.predictions()),
                    List.of(withFooter.deadLetters(), second.deadLetters())));
    assertEquals(withFooter.predictionRows() + second.predictionRows(), both.overall().n());
    assertEquals(3000 + 400, both.coverage().overall().inputs());
    assertEquals(4, both.provenance().inputs().size());
    // a file without the footer does not come from a known model: never mixed with one that does
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Auditor(AuditOptions.defaults().withResamples(0))
                    .audit(
                        new AuditInputs(
                            List.of(withFooter.predictions(), withoutFooter.predictions()),
                            List.of())));
    assertTrue(e.getMessage().contains("different models"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new AuditInputs(
                List.of(withFooter.predictions(), withFooter.predictions()), List.of()));
  }

  @Test
  void labelledModeWithoutLabelsIsAnError() throws Exception {
    Path d = Files.createDirectories(dir.resolve("unlabelled"));
    SyntheticRun.Files f =
        SyntheticRun.write(d, new SyntheticRun.Options(200, 3, false, false, true));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Auditor(AuditOptions.defaults().withMode(ModeChoice.LABELLED).withResamples(0))
                    .audit(new AuditInputs(List.of(f.predictions()), List.of())));
    assertTrue(e.getMessage().contains("no row has a label"));
    AuditResult auto =
        new Auditor(AuditOptions.defaults().withResamples(0))
            .audit(new AuditInputs(List.of(f.predictions()), List.of()));
    assertEquals(dev.dmtl.audit.metrics.AuditMode.LABEL_FREE, auto.mode());
  }

  @Test
  void everyGroupIsListedEvenWhenEmpty() {
    // 1 + (9 + 2 + 5) + (18 + 45 + 10) + 90 groups with FairFace bins
    assertEquals(180, result.groups().size());
    GroupResult tiny =
        result.group(GroupKey.parse("race=others,gender=female,age=70+")).orElseThrow();
    assertEquals("age=70+,gender=female,race=others", tiny.key().id());
    assertEquals(18, result.groups(dev.dmtl.audit.groups.Grouping.of("gender", "age")).size());
    assertTrue(
        result
            .gap(
                dev.dmtl.audit.groups.Grouping.of("race", "gender"),
                MetricKey.parse("age.mae"),
                dev.dmtl.audit.metrics.GapKind.DIFFERENCE)
            .isPresent());
    assertTrue(result.confusion(GroupKey.parse("gender=male,age=0-2"), "race").isPresent());
    assertTrue(tiny.n() < 30);
    assertTrue(
        tiny.metrics().stream()
            .filter(m -> !m.key().metric().name().equals("N"))
            .allMatch(m -> m.insufficient() && Double.isNaN(m.value())));
  }
}
