package dev.dmtl.audit.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.AuditInputs;
import dev.dmtl.audit.Auditor;
import dev.dmtl.audit.compare.CandidateFiles;
import dev.dmtl.audit.compare.ChangesFiles;
import dev.dmtl.audit.compare.ComparisonResult;
import dev.dmtl.audit.compare.MetricDelta;
import dev.dmtl.audit.compare.ModelComparison;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.io.AuditCsv;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.GapResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.parquet.testing.SyntheticRun;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * The Java API: the Tablesaw tables hold what the typed result holds, typed, and the same cells as
 * the CSV files of the same name.
 */
class AuditTablesTest {

  @TempDir static Path dir;

  private static AuditResult audit;
  private static ComparisonResult comparison;

  @BeforeAll
  static void auditAndCompare() throws Exception {
    SyntheticRun.Files base =
        SyntheticRun.write(dir, new SyntheticRun.Options(800, 11, true, true, true));
    AuditOptions options = AuditOptions.defaults().withResamples(40).withSeed(3).withThreads(2);
    audit =
        new Auditor(options)
            .audit(new AuditInputs(List.of(base.predictions()), List.of(base.deadLetters())));
    Path candidate =
        CandidateFiles.write(base.predictions(), dir.resolve("c.parquet"), 0.2, 0.0, false, 5);
    comparison =
        new ModelComparison(options, List.of(), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
            .compare(List.of(base.predictions()), List.of(candidate));
  }

  @Test
  void byGroupHasOneTypedRowPerMetricOfAGroup() {
    Table t = AuditTables.byGroup(audit);
    long metrics = audit.groups().stream().mapToLong(g -> g.metrics().size()).sum();
    assertEquals(metrics, t.rowCount());
    assertEquals(ColumnType.DOUBLE, t.column("value").type());
    assertEquals(ColumnType.DOUBLE, t.column("ci_lower").type());
    assertEquals(ColumnType.DOUBLE, t.column("ci_upper").type());
    assertEquals(ColumnType.LONG, t.column("n").type());
    assertEquals(ColumnType.BOOLEAN, t.column("flagged").type());
    // one column per attribute, named after it
    assertEquals(ColumnType.STRING, t.column("race").type());

    // a query an auditor writes: race accuracy per race, with its interval
    Table race =
        t.where(
            t.stringColumn("grouping")
                .isEqualTo("race")
                .and(t.stringColumn("key").isEqualTo("race.accuracy")));
    assertFalse(race.isEmpty());
    for (Row row : race) {
      GroupResult g = group(row.getString("group"));
      MetricResult m =
          g.metrics().stream()
              .filter(x -> x.key().id().equals("race.accuracy"))
              .findFirst()
              .orElseThrow();
      assertEquals(m.estimate().value(), row.getDouble("value"), 0.0);
      assertEquals(m.estimate().lower(), row.getDouble("ci_lower"), 0.0);
      assertEquals(m.estimate().upper(), row.getDouble("ci_upper"), 0.0);
      assertEquals(g.n(), row.getLong("group_n"));
      assertEquals(g.key().value("race"), row.getString("race"));
    }
  }

  @Test
  void gapsHaveTheirIntervals() {
    Table t = AuditTables.gaps(audit);
    assertEquals(audit.gaps().size(), t.rowCount());
    GapResult first = audit.gaps().get(0);
    assertEquals(first.id(), t.stringColumn("id").get(0));
    assertEquals(first.estimate().value(), t.doubleColumn("value").get(0), 0.0);
    assertEquals(first.estimate().lower(), t.doubleColumn("ci_lower").get(0), 0.0);
    assertEquals(first.estimate().upper(), t.doubleColumn("ci_upper").get(0), 0.0);
  }

  @Test
  void changesHaveThePairedIntervalAndTheVerdict() {
    Table t = AuditTables.changes(comparison);
    assertEquals(comparison.metrics().size() + comparison.gaps().size(), t.rowCount());
    MetricDelta m = comparison.metrics().get(0);
    assertEquals("metric", t.stringColumn("row").get(0));
    assertEquals(m.id(), t.stringColumn("id").get(0));
    assertEquals(m.delta().value(), t.doubleColumn("delta").get(0), 0.0);
    assertEquals(m.delta().lower(), t.doubleColumn("delta_ci_lower").get(0), 0.0);
    assertEquals(m.delta().upper(), t.doubleColumn("delta_ci_upper").get(0), 0.0);
    assertEquals(m.verdict().jsonName(), t.stringColumn("verdict").get(0));
    // the flipped gender answers make some change measurable
    assertTrue(t.stringColumn("verdict").isNotEqualTo("no_measurable_change").size() > 0);
  }

  @Test
  void theTablesHoldTheCellsOfTheCsvFiles() throws Exception {
    Path csv = dir.resolve("csv");
    AuditCsv.write(audit, csv);
    sameCells(AuditTables.byGroup(audit), csv.resolve(AuditCsv.GROUPS));
    sameCells(AuditTables.gaps(audit), csv.resolve(AuditCsv.GAPS));
    Path changes = dir.resolve("changes");
    ChangesFiles.write(comparison, changes, false);
    sameCells(AuditTables.changes(comparison), changes.resolve(ChangesFiles.CSV));
  }

  private static void sameCells(Table t, Path file) throws Exception {
    List<CSVRecord> records;
    try (Reader r = Files.newBufferedReader(file)) {
      records =
          CSVFormat.RFC4180
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .build()
              .parse(r)
              .getRecords();
    }
    assertEquals(records.size(), t.rowCount(), file.toString());
    assertEquals(t.columnNames(), List.copyOf(records.get(0).getParser().getHeaderNames()));
    for (int i = 0; i < records.size(); i++) {
      for (String c : t.columnNames()) {
        String cell = records.get(i).get(c);
        var column = t.column(c);
        if (column.isMissing(i)) {
          assertEquals("", cell, file + " row " + i + " " + c);
        } else if (column.type() == ColumnType.DOUBLE) {
          assertEquals(Double.parseDouble(cell), t.doubleColumn(c).get(i), 0.0, c);
        } else {
          assertEquals(cell, String.valueOf(column.get(i)), file + " row " + i + " " + c);
        }
      }
    }
    assertInstanceOf(Table.class, t);
  }

  private static GroupResult group(String id) {
    return audit.groups().stream()
        .filter(g -> g.key().grouping().id().equals("race") && g.key().id().equals(id))
        .findFirst()
        .orElseThrow();
  }
}
