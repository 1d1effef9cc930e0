package dev.dmtl.audit.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.parquet.testing.SyntheticRun;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code changes.json} and {@code changes.csv}: schema, headers, and the numbers of the result. */
class ChangesFilesTest {

  @TempDir Path dir;

  @Test
  void bothFilesHoldEveryChange() throws Exception {
    SyntheticRun.Files base =
        SyntheticRun.write(dir, new SyntheticRun.Options(600, 4, false, true, true));
    Path cand =
        CandidateFiles.write(base.predictions(), dir.resolve("c.parquet"), 0.1, 0.05, false, 5);
    ComparisonResult r =
        new ModelComparison(
                PairedBootstrapRecomputationTest.options().withResamples(50),
                List.of(DeltaRule.parse("delta(gender.accuracy)<-0.5")),
                PairedBootstrapRecomputationTest.fixedClock())
            .compare(List.of(base.predictions()), List.of(cand));
    Path out = dir.resolve("out");
    List<Path> files = ChangesFiles.write(r, out, true);
    assertEquals(List.of(out.resolve("changes.json"), out.resolve("changes.csv")), files);
    assertFalse(Files.exists(out.resolve("changes.json.part")));

    ComparisonResult back = ChangesFiles.read(files.get(0));
    assertEquals(r.overlap(), back.overlap());
    assertEquals(r.summary(), back.summary());
    // the lists are long: compare without printing them
    assertTrue(r.metrics().equals(back.metrics()), "metrics read back as written");
    assertTrue(r.gaps().equals(back.gaps()), "gaps read back as written");
    assertEquals(r.ruleOutcomes().size(), back.ruleOutcomes().size());
    assertEquals(r.ruleOutcomes().get(0).rule().text(), back.ruleOutcomes().get(0).rule().text());

    JsonNode json = DmtlJson.parse(Files.readString(files.get(0)), "changes.json");
    assertEquals(ComparisonResult.SCHEMA_NAME, json.path("schema").asText());
    assertEquals(ComparisonResult.SCHEMA_VERSION, json.path("schema_version").asInt());
    assertEquals(r.overlap().both(), json.path("overlap").path("both").asLong());
    JsonNode first = json.path("metrics").get(0);
    MetricDelta m = r.metrics().get(0);
    assertEquals(m.id(), first.path("id").asText());
    assertEquals(m.delta().value(), first.path("delta").path("value").asDouble(), 1e-12);
    assertEquals(m.verdict().jsonName(), first.path("verdict").asText());
    assertEquals(r.gaps().size(), json.path("gaps").size());
    assertEquals(
        "delta(gender.accuracy)<-0.5", json.path("rule_outcomes").get(0).path("rule").asText());

    try (Reader in = Files.newBufferedReader(files.get(1))) {
      List<CSVRecord> rows =
          CSVFormat.RFC4180
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .build()
              .parse(in)
              .getRecords();
      assertEquals(r.metrics().size() + r.gaps().size(), rows.size());
      CSVRecord row =
          rows.stream()
              .filter(x -> x.get("id").equals("gender.accuracy@all"))
              .findFirst()
              .orElseThrow();
      MetricDelta overall =
          r.metrics().stream()
              .filter(x -> x.id().equals("gender.accuracy@all"))
              .findFirst()
              .orElseThrow();
      assertEquals("metric", row.get("row"));
      assertEquals(overall.delta().lower(), Double.parseDouble(row.get("delta_ci_lower")), 1e-12);
      assertEquals(overall.verdict().jsonName(), row.get("verdict"));
      assertTrue(rows.stream().anyMatch(x -> x.get("id").equals("gender.accuracy.gap@race")));
    }
  }

  @Test
  void anAuditJsonIsNotAComparison() throws Exception {
    Path notChanges = dir.resolve("audit.json");
    Files.writeString(notChanges, "{\"schema\":\"dmtl-audit\",\"schema_version\":5}");
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> ChangesFiles.read(notChanges));
    assertTrue(e.getMessage().contains("not a changes.json"), e.getMessage());
  }
}
