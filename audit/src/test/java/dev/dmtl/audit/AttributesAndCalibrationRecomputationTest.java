package dev.dmtl.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.config.AttributeOptions;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.config.BinRule;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.Attribute;
import dev.dmtl.audit.result.AttributeSource;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.CoverageRow;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.audit.result.ReliabilityDiagram;
import dev.dmtl.parquet.testing.SyntheticRun;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numbers issue 19 added, recomputed independently with DuckDB SQL straight from the Parquet
 * files and the attribute CSV (its own CSV reader, its own join, its own quantiles): file
 * attributes and their quantile bins, groups by them and their intersections, coverage by them and
 * by the labels of lost inputs, the Aequitas rates, calibration (ECE over equal-width and
 * equal-mass bins, MCE, Brier score, log-loss), the exact ROC AUC, and the age task's threshold and
 * expected-age calibration. Every compared value must agree to 1e-9.
 */
class AttributesAndCalibrationRecomputationTest {

  private static final double TOLERANCE = 1e-9;
  private static final List<List<String>> GROUPINGS =
      List.of(
          List.of(),
          List.of("gender"),
          List.of("race"),
          List.of("age"),
          List.of("site"),
          List.of("lux"),
          List.of("gender", "site"),
          List.of("race", "lux"));

  @TempDir static Path dir;
  private static SyntheticRun.Files files;
  private static AuditResult result;
  private static Connection db;

  /** FairFace bins in SQL, written out independently of AgeBins. */
  private static String bin(String x) {
    return "CASE WHEN "
        + x
        + " < 3 THEN '0-2' WHEN "
        + x
        + " < 10 THEN '3-9' WHEN "
        + x
        + " < 20 THEN '10-19' WHEN "
        + x
        + " < 30 THEN '20-29' WHEN "
        + x
        + " < 40 THEN '30-39' WHEN "
        + x
        + " < 50 THEN '40-49' WHEN "
        + x
        + " < 60 THEN '50-59' WHEN "
        + x
        + " < 70 THEN '60-69' ELSE '70+' END";
  }

  /** The probability bin of a value: how many of the cuts it reaches. */
  private static String probabilityBin(String x, String cuts) {
    return "len(list_filter(" + cuts + ", c -> c <= (" + x + ")::DOUBLE))";
  }

  private static final String TENTHS = "[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]";

  @BeforeAll
  static void fixture() throws Exception {
    files = SyntheticRun.write(dir, SyntheticRun.Options.withAttributes(6000, 20261207L));
    AuditOptions options =
        AuditOptions.defaults()
            .withResamples(20)
            .withMinGroupSize(1)
            .withMaxIntersection(2)
            .withAttributes(
                new AttributeOptions(
                    files.attributes().toString(), List.of(BinRule.parse("lux=q5"))));
    result =
        new Auditor(options)
            .audit(new AuditInputs(List.of(files.predictions()), List.of(files.deadLetters())));
    db = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = db.createStatement()) {
      s.execute(
          "CREATE TABLE attrs AS SELECT * FROM read_csv('"
              + files.attributes()
              + "', header = true, columns = {'path': 'VARCHAR', 'site': 'VARCHAR', 'lux': 'DOUBLE'})");
      s.execute(
          "CREATE TABLE inputs AS SELECT relative_path, bool_or(covered) AS covered, "
              + "any_value(label_gender) AS label_gender FROM ("
              + "SELECT relative_path, TRUE AS covered, label_gender FROM read_parquet('"
              + files.predictions()
              + "') UNION ALL SELECT relative_path, FALSE, label_gender FROM read_parquet('"
              + files.deadLetters()
              + "')) GROUP BY relative_path");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    db.close();
  }

  /** The quantile cuts of lux over the audited inputs that have a value (R-7 in both). */
  private static List<Double> luxCuts() throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT quantile_cont(a.lux, [0.2, 0.4, 0.6, 0.8]) FROM inputs i "
                    + "JOIN attrs a ON a.path = i.relative_path WHERE a.lux IS NOT NULL")) {
      rs.next();
      Object[] cuts = (Object[]) rs.getArray(1).getArray();
      List<Double> out = new ArrayList<>();
      for (Object c : cuts) {
        out.add(((Number) c).doubleValue());
      }
      return out;
    }
  }

  /** SQL for a row's lux bin label, or unknown. */
  private static String luxBin(List<Double> cuts) {
    StringBuilder sb = new StringBuilder("CASE WHEN a.lux IS NULL THEN 'unknown'");
    for (int j = 0; j < cuts.size(); j++) {
      sb.append(" WHEN a.lux < ").append(cuts.get(j)).append(" THEN 'q").append(j + 1).append("'");
    }
    return sb.append(" ELSE 'q").append(cuts.size() + 1).append("' END").toString();
  }

  /** The predictions with every attribute as the audit groups them. */
  private static void predictionView() throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute(
          "CREATE OR REPLACE VIEW p AS SELECT q.*, q.label_gender AS gender, q.label_race AS race, "
              + bin("q.label_age")
              + " AS age, coalesce(nullif(trim(a.site), ''), 'unknown') AS site, "
              + luxBin(luxCuts())
              + " AS lux FROM read_parquet('"
              + files.predictions()
              + "') q LEFT JOIN attrs a ON a.path = q.relative_path");
    }
  }

  /**
   * Runs {@code select} (over view {@code from}) grouped by each grouping; returns per group key
   * the named columns. Rows whose grouping attributes are null (unlabelled) form no group.
   */
  private static Map<GroupKey, Map<String, Double>> perGroup(
      String from, String select, List<String> columns) throws SQLException {
    Map<GroupKey, Map<String, Double>> out = new LinkedHashMap<>();
    for (List<String> grouping : GROUPINGS) {
      String attrs = String.join(", ", grouping);
      String sql =
          "SELECT "
              + (grouping.isEmpty() ? "" : attrs + ", ")
              + select
              + " FROM "
              + from
              + (grouping.isEmpty()
                  ? ""
                  : " WHERE "
                      + grouping.stream()
                          .map(a -> a + " IS NOT NULL")
                          .collect(Collectors.joining(" AND "))
                      + " GROUP BY "
                      + attrs);
      try (Statement s = db.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          List<String> values = new ArrayList<>();
          for (String a : grouping) {
            values.add(rs.getString(a));
          }
          Map<String, Double> v = new LinkedHashMap<>();
          for (String c : columns) {
            double x = rs.getDouble(c);
            v.put(c, rs.wasNull() ? Double.NaN : x);
          }
          out.put(new GroupKey(new Grouping(grouping), values), v);
        }
      }
    }
    return out;
  }

  /** Compares SQL values with the result's metrics; returns how many were compared. */
  private static int compare(
      Map<GroupKey, Map<String, Double>> expected, Map<String, String> keys) {
    int compared = 0;
    for (Map.Entry<GroupKey, Map<String, Double>> e : expected.entrySet()) {
      GroupResult group =
          result.group(e.getKey()).orElseThrow(() -> new AssertionError("no group " + e.getKey()));
      for (Map.Entry<String, String> k : keys.entrySet()) {
        double want = e.getValue().get(k.getKey());
        MetricResult m =
            group
                .metric(MetricKey.parse(k.getValue()))
                .orElseThrow(() -> new AssertionError("no metric " + k.getValue()));
        double got = m.value();
        if (Double.isNaN(want)) {
          assertTrue(Double.isNaN(got), e.getKey() + " " + k.getValue() + ": want NaN, got " + got);
        } else {
          assertEquals(want, got, TOLERANCE, e.getKey() + " " + k.getValue());
        }
        compared++;
      }
    }
    return compared;
  }

  @Test
  void fileAttributesAreJoinedBinnedAndCounted() throws Exception {
    Attribute site = attribute("site");
    Attribute lux = attribute("lux");
    assertEquals(AttributeSource.FILE, site.source());
    assertEquals(List.of("A", "B", "C", "D", "E", "F", "G", "H", "unknown"), site.values());
    assertEquals(List.of("q1", "q2", "q3", "q4", "q5", "unknown"), lux.values());
    assertEquals("lux=q5", lux.bins());
    List<Double> cuts = luxCuts();
    assertEquals(cuts.size(), lux.cuts().size());
    for (int j = 0; j < cuts.size(); j++) {
      assertEquals(cuts.get(j), lux.cuts().get(j), TOLERANCE, "quantile cut " + j);
    }
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT (SELECT count(*) FROM inputs), "
                    + "(SELECT count(*) FROM inputs i WHERE NOT EXISTS (SELECT 1 FROM attrs a WHERE a.path = i.relative_path)), "
                    + "(SELECT count(*) FROM attrs a WHERE NOT EXISTS (SELECT 1 FROM inputs i WHERE a.path = i.relative_path)), "
                    + "(SELECT count(*) FROM attrs)")) {
      rs.next();
      var f = result.attributeFile();
      assertNotNull(f);
      assertEquals(rs.getLong(1), f.inputs());
      assertEquals(rs.getLong(2), f.inputsWithoutRow());
      assertEquals(rs.getLong(3), f.rowsWithoutInput());
      assertEquals(rs.getLong(4), f.rows());
      assertEquals(25, f.rowsWithoutInput(), "the fixture's rows for inputs that were not audited");
      assertTrue(f.inputsWithoutRow() > 0, "1 % of the inputs have no row");
    }
    predictionView();
    Map<GroupKey, Map<String, Double>> expected =
        perGroup(
            "p",
            "count(*) FILTER (WHERE label_gender IS NOT NULL) AS n_gender, "
                + "avg(CASE WHEN label_gender IS NOT NULL THEN (gender_pred = label_gender)::DOUBLE END) AS acc, "
                + "avg(abs(age_pred - label_age)) AS mae",
            List.of("n_gender", "acc", "mae"));
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("n_gender", "gender.n");
    keys.put("acc", "gender.accuracy");
    keys.put("mae", "age.mae");
    assertTrue(compare(expected, keys) > 200);
    // the fixture makes dim photos harder: the lowest light bin has the lowest gender accuracy
    List<GroupResult> byLux = result.groups(Grouping.of("lux"));
    double q1 = byLux.get(0).value(MetricKey.parse("gender.accuracy"));
    double q5 = byLux.get(4).value(MetricKey.parse("gender.accuracy"));
    assertTrue(
        q1 < q5 - 0.02,
        "q1 "
            + q1
            + " vs q5 "
            + q5
            + ": "
            + byLux.stream()
                .map(g -> g.key().id() + " " + g.value(MetricKey.parse("gender.accuracy")))
                .toList());
  }

  @Test
  void coverageIsBrokenDownByFileAttributesAndByTheLabelsOfLostInputs() throws Exception {
    assertTrue(result.coverage().perGroup());
    try (Statement s = db.createStatement()) {
      s.execute(
          "CREATE OR REPLACE VIEW cov AS SELECT i.*, coalesce(nullif(trim(a.site), ''), 'unknown') AS site, "
              + "i.label_gender AS gender FROM inputs i LEFT JOIN attrs a ON a.path = i.relative_path");
    }
    int rows = 0;
    for (String attribute : List.of("site", "gender")) {
      try (Statement s = db.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT "
                      + attribute
                      + ", count(*), avg(covered::DOUBLE) FROM cov WHERE "
                      + attribute
                      + " IS NOT NULL GROUP BY 1")) {
        while (rs.next()) {
          GroupKey key = GroupKey.parse(attribute + "=" + rs.getString(1));
          CoverageRow row =
              result.coverage().rows().stream()
                  .filter(r -> r.group().equals(key))
                  .findFirst()
                  .orElseThrow(() -> new AssertionError("no coverage row " + key));
          assertEquals(rs.getLong(2), row.inputs(), key.id());
          assertEquals(rs.getDouble(3), row.coverage().value(), TOLERANCE, key.id());
          rows++;
        }
      }
    }
    assertEquals(9 + 2, rows);
  }

  @Test
  void errorRatesAndCalibrationOfTheNominalTasksAgreeWithSql() throws Exception {
    predictionView();
    // Aequitas' rates of one class, one-vs-rest
    String tp = "(gender_pred = 'female' AND label_gender = 'female')";
    String fp = "(gender_pred = 'female' AND label_gender = 'male')";
    String fn = "(gender_pred = 'male' AND label_gender = 'female')";
    String tn = "(gender_pred = 'male' AND label_gender = 'male')";
    String rates =
        "sum("
            + fn
            + "::INT)::DOUBLE / NULLIF(sum(("
            + tp
            + " OR "
            + fn
            + ")::INT), 0) AS fnr, sum("
            + tn
            + "::INT)::DOUBLE / NULLIF(sum(("
            + tn
            + " OR "
            + fp
            + ")::INT), 0) AS tnr, sum("
            + fp
            + "::INT)::DOUBLE / NULLIF(sum(("
            + tp
            + " OR "
            + fp
            + ")::INT), 0) AS fdr, sum("
            + fn
            + "::INT)::DOUBLE / NULLIF(sum(("
            + fn
            + " OR "
            + tn
            + ")::INT), 0) AS for_, sum("
            + tn
            + "::INT)::DOUBLE / NULLIF(sum(("
            + fn
            + " OR "
            + tn
            + ")::INT), 0) AS npv, avg(CASE WHEN label_gender IS NOT NULL THEN (label_gender = 'female')::DOUBLE END) AS prev";
    // Brier and log-loss over the probability vector, in double precision as the audit computes
    String brier =
        "avg(CASE WHEN label_race IS NOT NULL THEN list_sum(list_transform(range(1, 6), k -> "
            + "pow(race_probs[k]::DOUBLE - (CASE WHEN ['white','black','asian','indian','others'][k] = label_race "
            + "THEN 1.0 ELSE 0.0 END), 2))) END) AS brier, "
            + "avg(CASE WHEN label_race IS NOT NULL THEN -ln(greatest(race_probs[list_position("
            + "['white','black','asian','indian','others'], label_race)]::DOUBLE, 1e-15)) END) AS log_loss";
    Map<GroupKey, Map<String, Double>> expected =
        perGroup(
            "p",
            rates + ", " + brier,
            List.of("fnr", "tnr", "fdr", "for_", "npv", "prev", "brier", "log_loss"));
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("fnr", "gender.fnr[female]");
    keys.put("tnr", "gender.tnr[female]");
    keys.put("fdr", "gender.fdr[female]");
    keys.put("for_", "gender.for[female]");
    keys.put("npv", "gender.npv[female]");
    keys.put("prev", "gender.prevalence[female]");
    keys.put("brier", "race.brier");
    keys.put("log_loss", "race.log_loss");
    assertTrue(compare(expected, keys) > 500);

    // top-label calibration: per bin |Σ correct − Σ confidence|, summed, over the rows
    for (String binning : List.of("width", "mass")) {
      String cuts = binning.equals("width") ? TENTHS : massCuts("race");
      try (Statement s = db.createStatement()) {
        s.execute(
            "CREATE OR REPLACE VIEW binned AS SELECT gender, race, age, site, lux, "
                + probabilityBin("race_confidence", cuts)
                + " AS b, race_confidence::DOUBLE AS conf, (race_pred = label_race)::DOUBLE AS correct "
                + "FROM p WHERE label_race IS NOT NULL");
      }
      Map<GroupKey, Map<String, Double>> ece = new LinkedHashMap<>();
      for (List<String> grouping : GROUPINGS) {
        String attrs = String.join(", ", grouping);
        String groupBy = grouping.isEmpty() ? "b" : attrs + ", b";
        String where =
            grouping.isEmpty()
                ? ""
                : " WHERE "
                    + grouping.stream()
                        .map(a -> a + " IS NOT NULL")
                        .collect(Collectors.joining(" AND "));
        String sql =
            "SELECT "
                + (grouping.isEmpty() ? "" : attrs + ", ")
                + "sum(abs(sc - sf)) / sum(n) AS ece, max(abs(sc - sf) / n) AS mce FROM ("
                + "SELECT "
                + groupBy
                + ", count(*) AS n, sum(conf) AS sf, sum(correct) AS sc FROM binned"
                + where
                + " GROUP BY "
                + groupBy
                + ")"
                + (grouping.isEmpty() ? "" : " GROUP BY " + attrs);
        try (Statement s = db.createStatement();
            ResultSet rs = s.executeQuery(sql)) {
          while (rs.next()) {
            List<String> values = new ArrayList<>();
            for (String a : grouping) {
              values.add(rs.getString(a));
            }
            ece.put(
                new GroupKey(new Grouping(grouping), values),
                Map.of("ece", rs.getDouble("ece"), "mce", rs.getDouble("mce")));
          }
        }
      }
      Map<String, String> k = new LinkedHashMap<>();
      k.put("ece", binning.equals("width") ? "race.ece" : "race.ece_mass");
      if (binning.equals("width")) {
        k.put("mce", "race.mce");
      }
      assertTrue(compare(ece, k) > 60, binning);
    }
  }

  /** The equal-mass cuts the audit used for a task, from its overall reliability diagram. */
  private static String massCuts(String task) {
    ReliabilityDiagram d =
        result.reliability().stream()
            .filter(
                r ->
                    r.group().isOverall()
                        && r.task().equals(task)
                        && r.kind().equals("confidence_mass"))
            .findFirst()
            .orElseThrow();
    List<String> cuts = new ArrayList<>();
    for (int b = 1; b < d.bins().size(); b++) {
      cuts.add(Double.toString(d.bins().get(b).lower()));
    }
    assertEquals(10, d.bins().size(), "10 equal-mass bins when the confidences allow");
    return "[" + String.join(", ", cuts) + "]";
  }

  @Test
  void rocAucIsTheExactMannWhitneyShareOfPairs() throws Exception {
    predictionView();
    try (Statement s = db.createStatement()) {
      s.execute(
          "CREATE OR REPLACE VIEW scored AS SELECT gender, race, age, site, lux, gender_probs[2]::DOUBLE AS s, "
              + "label_gender = 'female' AS positive FROM p WHERE label_gender IS NOT NULL");
    }
    int compared = 0;
    for (List<String> grouping : GROUPINGS) {
      if (grouping.contains("gender")) {
        continue; // one label per group: no AUC
      }
      String attrs = grouping.stream().map(a -> "x." + a).collect(Collectors.joining(", "));
      String on =
          grouping.isEmpty()
              ? "TRUE"
              : grouping.stream()
                  .map(a -> "x." + a + " = y." + a)
                  .collect(Collectors.joining(" AND "));
      String sql =
          "SELECT "
              + (grouping.isEmpty() ? "" : attrs + ", ")
              + "avg(CASE WHEN x.s > y.s THEN 1.0 WHEN x.s = y.s THEN 0.5 ELSE 0.0 END) AS auc "
              + "FROM scored x JOIN scored y ON "
              + on
              + " AND x.positive AND NOT y.positive"
              + grouping.stream()
                  .map(a -> " AND x." + a + " IS NOT NULL")
                  .collect(Collectors.joining())
              + (grouping.isEmpty() ? "" : " GROUP BY " + attrs);
      try (Statement s = db.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          List<String> values = new ArrayList<>();
          for (int i = 0; i < grouping.size(); i++) {
            values.add(rs.getString(i + 1));
          }
          GroupKey key = new GroupKey(new Grouping(grouping), values);
          double got = result.group(key).orElseThrow().value(MetricKey.parse("gender.roc_auc"));
          assertEquals(rs.getDouble("auc"), got, TOLERANCE, key.id());
          compared++;
        }
      }
    }
    assertTrue(compared > 40, "groups compared: " + compared);
    assertTrue(result.overall().value(MetricKey.parse("gender.roc_auc")) > 0.8);
  }

  @Test
  void theAgeTasksThresholdAndExpectedAgeCalibrationAgreeWithSql() throws Exception {
    predictionView();
    try (Statement s = db.createStatement()) {
      // every row's 115 threshold probabilities P(age > k), k = 1..115, against [age > k]
      s.execute(
          "CREATE OR REPLACE VIEW thresholds AS SELECT gender, race, age, site, lux, p, "
              + "(label_age > k)::DOUBLE AS y, "
              + probabilityBin("p", TENTHS)
              + " AS b FROM (SELECT gender, race, age, site, lux, label_age, "
              + "unnest(age_probs)::DOUBLE AS p, generate_subscripts(age_probs, 1) AS k FROM p "
              + "WHERE label_age IS NOT NULL)");
    }
    Map<GroupKey, Map<String, Double>> expected = new LinkedHashMap<>();
    for (List<String> grouping : GROUPINGS) {
      String attrs = String.join(", ", grouping);
      String groupBy = grouping.isEmpty() ? "b" : attrs + ", b";
      String where =
          grouping.isEmpty()
              ? ""
              : " WHERE "
                  + grouping.stream()
                      .map(a -> a + " IS NOT NULL")
                      .collect(Collectors.joining(" AND "));
      String sql =
          "SELECT "
              + (grouping.isEmpty() ? "" : attrs + ", ")
              + "sum(abs(sy - sp)) / sum(n) AS ece, sum(sq) / sum(n) AS brier FROM (SELECT "
              + groupBy
              + ", count(*) AS n, sum(p) AS sp, sum(y) AS sy, sum((p - y) * (p - y)) AS sq FROM thresholds"
              + where
              + " GROUP BY "
              + groupBy
              + ")"
              + (grouping.isEmpty() ? "" : " GROUP BY " + attrs);
      String expectedSql =
          "SELECT "
              + (grouping.isEmpty() ? "" : attrs + ", ")
              + "sum(abs(st - se)) / sum(n) AS eece, sum(st2) / sum(n) AS bias FROM (SELECT "
              + (grouping.isEmpty() ? "eb" : attrs + ", eb")
              + ", count(*) AS n, sum(age_expected) AS se, sum(label_age) AS st, "
              + "sum(age_expected - label_age) AS st2 FROM (SELECT *, "
              + bin("age_expected")
              + " AS eb FROM p WHERE label_age IS NOT NULL)"
              + where
              + " GROUP BY "
              + (grouping.isEmpty() ? "eb" : attrs + ", eb")
              + ")"
              + (grouping.isEmpty() ? "" : " GROUP BY " + attrs);
      try (Statement s = db.createStatement();
          ResultSet rs = s.executeQuery(sql);
          Statement s2 = db.createStatement();
          ResultSet rs2 = s2.executeQuery(expectedSql)) {
        Map<GroupKey, Map<String, Double>> one = new LinkedHashMap<>();
        while (rs.next()) {
          List<String> values = new ArrayList<>();
          for (String a : grouping) {
            values.add(rs.getString(a));
          }
          Map<String, Double> v = new LinkedHashMap<>();
          v.put("tece", rs.getDouble("ece"));
          v.put("tbrier", rs.getDouble("brier"));
          one.put(new GroupKey(new Grouping(grouping), values), v);
        }
        while (rs2.next()) {
          List<String> values = new ArrayList<>();
          for (String a : grouping) {
            values.add(rs2.getString(a));
          }
          Map<String, Double> v = one.get(new GroupKey(new Grouping(grouping), values));
          v.put("eece", rs2.getDouble("eece"));
          v.put("bias", rs2.getDouble("bias"));
        }
        expected.putAll(one);
      }
    }
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("tece", "age.threshold_ece");
    keys.put("tbrier", "age.threshold_brier");
    keys.put("eece", "age.expected_ece");
    keys.put("bias", "age.expected_bias");
    assertTrue(compare(expected, keys) > 200);
  }

  @Test
  void flagsFollowTheCorrectedPValuesAndComplementsShareThem() {
    var summary = result.significance();
    assertNotNull(summary);
    assertEquals(0.05, summary.alpha(), 0);
    assertTrue(summary.tested() > 100, "tested " + summary.tested());
    long flagged = 0;
    for (GroupResult g : result.groups()) {
      Map<MetricKey, MetricResult> byKey = new LinkedHashMap<>();
      g.metrics().forEach(m -> byKey.put(m.key(), m));
      for (MetricResult m : g.metrics()) {
        if (m.flagged()) {
          assertTrue(m.pAdjusted() <= summary.alpha(), m.key() + "@" + g.key());
        }
        if (m.key().metric().testedAs() == m.key().metric()
            && !Double.isNaN(m.pValue())
            && m.key().metric().isTested()) {
          assertTrue(m.pAdjusted() >= m.pValue(), "a correction never lowers a p-value");
          if (m.flagged()) {
            flagged++;
          }
        }
        if (m.key().metric().testedAs() != m.key().metric()) {
          MetricResult base =
              byKey.get(
                  new MetricKey(
                      m.key().task(), m.key().metric().testedAs(), m.key().label(), m.key().k()));
          assertEquals(base.flagged(), m.flagged(), m.key() + "@" + g.key());
        }
      }
    }
    for (CoverageRow r : result.coverage().rows()) {
      if (r.coverage().flagged()) {
        flagged++;
      }
    }
    assertEquals(summary.flagged(), flagged);
    assertTrue(flagged > 0, "the fixture's dim photos and children differ measurably");
    assertFalse(
        result.overall().metrics().stream().anyMatch(MetricResult::flagged),
        "the overall group has no reference to differ from");
  }

  private static Attribute attribute(String name) {
    return result.attributes().stream()
        .filter(a -> a.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no attribute " + name + " in " + result.attributes()));
  }
}
