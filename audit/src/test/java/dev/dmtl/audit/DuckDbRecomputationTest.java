package dev.dmtl.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.config.AgePrediction;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.config.LabelOrigin;
import dev.dmtl.audit.config.ModeChoice;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.CoverageRow;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.MetricResult;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent recomputation of the group metrics with DuckDB SQL, straight from the Parquet
 * files (its own Parquet reader, its own age binning, its own name parsing), over a realistic
 * fixture. Every compared value must agree to 1e-9.
 */
class DuckDbRecomputationTest {

  private static final double TOLERANCE = 1e-9;

  @TempDir static Path dir;
  private static SyntheticRun.Files files;
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

  @BeforeAll
  static void fixture() throws Exception {
    files = SyntheticRun.write(dir, SyntheticRun.Options.realistic(6000, 20240917L));
    db = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = db.createStatement()) {
      s.execute(
          "CREATE VIEW p AS SELECT *, label_gender AS gender, label_race AS race, "
              + bin("label_age")
              + " AS age FROM read_parquet('"
              + files.predictions()
              + "')");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    db.close();
  }

  /**
   * Runs a GROUPING SETS query; returns per group (attribute → value, in gender, race, age order)
   * the named columns.
   */
  private static Map<Map<String, String>, Map<String, Double>> query(
      String view, String select, List<String> columns) throws SQLException {
    String sql =
        "SELECT gender, race, age, GROUPING(gender) AS g_gender, GROUPING(race) AS g_race, GROUPING(age) AS g_age, "
            + select
            + " FROM "
            + view
            + " GROUP BY GROUPING SETS ((), (gender), (race), (age), (gender, race), (gender, age), (race, age), (gender, race, age))";
    Map<Map<String, String>, Map<String, Double>> out = new LinkedHashMap<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        Map<String, String> parts = new LinkedHashMap<>();
        boolean unknown = false;
        for (String a : List.of("gender", "race", "age")) {
          if (rs.getInt("g_" + a) == 0) {
            String v = rs.getString(a);
            if (v == null) {
              unknown = true; // rows without this attribute form no group
            }
            parts.put(a, v);
          }
        }
        if (unknown) {
          continue;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (String c : columns) {
          double v = rs.getDouble(c);
          values.put(c, rs.wasNull() ? Double.NaN : v);
        }
        out.put(parts, values);
      }
    }
    return out;
  }

  /**
   * The result's key of a group given as attribute → value (the result orders attributes as the
   * model's tasks).
   */
  private static GroupKey key(AuditResult result, Map<String, String> parts) {
    List<String> attributes = new ArrayList<>();
    List<String> values = new ArrayList<>();
    result
        .attributes()
        .forEach(
            a -> {
              if (parts.containsKey(a.name())) {
                attributes.add(a.name());
                values.add(parts.get(a.name()));
              }
            });
    return new GroupKey(new Grouping(attributes), values);
  }

  private static int compare(
      AuditResult result,
      Map<Map<String, String>, Map<String, Double>> expected,
      Map<String, String> keys) {
    int compared = 0;
    for (Map.Entry<Map<String, String>, Map<String, Double>> e : expected.entrySet()) {
      GroupResult group =
          result
              .group(key(result, e.getKey()))
              .orElseThrow(() -> new AssertionError("no group " + e.getKey()));
      for (Map.Entry<String, String> k : keys.entrySet()) {
        double want = e.getValue().get(k.getKey());
        MetricResult m = group.metric(MetricKey.parse(k.getValue())).orElseThrow();
        if (m.insufficient()) {
          assertTrue(Double.isNaN(m.value()));
          continue;
        }
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

  private static AuditResult audit(AuditOptions options) throws Exception {
    return new Auditor(options.withResamples(20).withMinGroupSize(1))
        .audit(new AuditInputs(List.of(files.predictions()), List.of(files.deadLetters())));
  }

  @Test
  void nominalMetricsAgreeWithSql() throws Exception {
    AuditResult result = audit(AuditOptions.defaults());
    assertEquals(AuditMode.LABELLED, result.mode());
    String known = "label_gender IS NOT NULL";
    String select =
        "count(*) FILTER (WHERE "
            + known
            + ") AS n_gender, "
            + "avg(CASE WHEN "
            + known
            + " THEN (gender_pred = label_gender)::DOUBLE END) AS acc_gender, "
            + "sum((gender_pred = 'female' AND label_gender = 'female')::INT)::DOUBLE"
            + " / NULLIF(sum((gender_pred = 'female' AND "
            + known
            + ")::INT), 0) AS prec_female, "
            + "sum((gender_pred = 'female' AND label_gender = 'female')::INT)::DOUBLE"
            + " / NULLIF(sum((label_gender = 'female')::INT), 0) AS rec_female, "
            + "sum((gender_pred = 'female' AND label_gender = 'male')::INT)::DOUBLE"
            + " / NULLIF(sum((label_gender = 'male')::INT), 0) AS fpr_female, "
            + "avg(CASE WHEN label_race IS NOT NULL THEN (race_pred = label_race)::DOUBLE END) AS acc_race, "
            + "2.0 * sum((race_pred = 'black' AND label_race = 'black')::INT) / NULLIF(sum((race_pred = 'black' AND label_race IS NOT NULL)::INT)"
            + " + sum((label_race = 'black')::INT), 0) AS f1_black, "
            + "sum((race_pred = 'indian' AND label_race IS NOT NULL)::INT)::DOUBLE"
            + " / NULLIF(sum((label_race IS NOT NULL)::INT), 0) AS sel_indian";
    Map<Map<String, String>, Map<String, Double>> expected =
        query(
            "p",
            select,
            List.of(
                "n_gender",
                "acc_gender",
                "prec_female",
                "rec_female",
                "fpr_female",
                "acc_race",
                "f1_black",
                "sel_indian"));
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("n_gender", "gender.n");
    keys.put("acc_gender", "gender.accuracy");
    keys.put("prec_female", "gender.precision[female]");
    keys.put("rec_female", "gender.recall[female]");
    keys.put("fpr_female", "gender.fpr[female]");
    keys.put("acc_race", "race.accuracy");
    keys.put("f1_black", "race.f1[black]");
    keys.put("sel_indian", "race.selection_rate[indian]");
    int compared = compare(result, expected, keys);
    // 1 + 2 + 5 + 9 + 10 + 18 + 45 + 90 = 180 groups, most of them non-empty
    assertTrue(expected.size() > 150, "groups compared: " + expected.size());
    assertTrue(compared > 1000, "values compared: " + compared);
  }

  @Test
  void ageMetricsAgreeWithSqlForBothPredictions() throws Exception {
    for (AgePrediction which : AgePrediction.values()) {
      String pred = which == AgePrediction.RANK ? "age_pred" : "age_expected";
      AuditResult result = audit(AuditOptions.defaults().withAgePrediction(which));
      String err = "(" + pred + " - label_age)";
      String select =
          "count(label_age) AS n_age, avg(abs"
              + err
              + ") AS mae, avg("
              + err
              + " * "
              + err
              + ") AS mse, "
              + "sqrt(avg("
              + err
              + " * "
              + err
              + ")) AS rmse, avg"
              + err
              + " AS me, "
              + "avg(CASE WHEN label_age IS NOT NULL THEN (abs"
              + err
              + " <= 0)::DOUBLE END) AS cs0, "
              + "avg(CASE WHEN label_age IS NOT NULL THEN (abs"
              + err
              + " <= 5)::DOUBLE END) AS cs5, "
              + "avg(CASE WHEN label_age IS NOT NULL THEN (abs"
              + err
              + " <= 20)::DOUBLE END) AS cs20, "
              + "avg(CASE WHEN label_age IS NOT NULL THEN ("
              + bin(pred)
              + " = age)::DOUBLE END) AS group_acc";
      Map<Map<String, String>, Map<String, Double>> expected =
          query(
              "p",
              select,
              List.of("n_age", "mae", "mse", "rmse", "me", "cs0", "cs5", "cs20", "group_acc"));
      Map<String, String> keys = new LinkedHashMap<>();
      keys.put("n_age", "age.n");
      keys.put("mae", "age.mae");
      keys.put("mse", "age.mse");
      keys.put("rmse", "age.rmse");
      keys.put("me", "age.mean_error");
      keys.put("cs0", "age.cs[0]");
      keys.put("cs5", "age.cs[5]");
      keys.put("cs20", "age.cs[20]");
      keys.put("group_acc", "age.group_accuracy");
      assertTrue(compare(result, expected, keys) > 1000, which.name());
    }
  }

  @Test
  void utkfaceNamesLabelsBestFacesAndCoverageAgreeWithSql() throws Exception {
    AuditResult result = audit(AuditOptions.defaults().withLabelSource(LabelOrigin.UTKFACE_NAMES));
    try (Statement s = db.createStatement()) {
      // labels parsed from the names in SQL; one row per image, its highest-scored face
      s.execute(
          "CREATE OR REPLACE VIEW named AS SELECT *, string_split(regexp_extract(source, '[^/]+$'), '_') AS parts "
              + "FROM read_parquet('"
              + files.predictions()
              + "')");
      s.execute(
          "CREATE OR REPLACE VIEW best AS SELECT *, "
              + "CASE parts[2] WHEN '0' THEN 'male' WHEN '1' THEN 'female' END AS gender, "
              + "CASE WHEN length(parts[3]) = 1 THEN ['white','black','asian','indian','others'][parts[3]::INT + 1] END AS race, "
              + bin("parts[1]::INT")
              + " AS age, parts[1]::INT AS name_age FROM ("
              + "SELECT *, row_number() OVER (PARTITION BY source ORDER BY face_score DESC, face_index) AS rk FROM named) "
              + "WHERE rk = 1");
    }
    Map<Map<String, String>, Map<String, Double>> expected =
        query(
            "best",
            "count(*) AS n, avg((gender_pred = gender)::DOUBLE) AS acc_gender, avg(abs(age_pred - name_age)) AS mae",
            List.of("n", "acc_gender", "mae"));
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("n", "gender.n");
    keys.put("acc_gender", "gender.accuracy");
    keys.put("mae", "age.mae");
    assertTrue(compare(result, expected, keys) > 300);
    assertTrue(
        result.warnings().stream().anyMatch(w -> w.contains("best face")),
        result.warnings().toString());

    // coverage: every image once, covered when it has a prediction row
    try (Statement s = db.createStatement()) {
      s.execute(
          "CREATE OR REPLACE VIEW inputs AS SELECT source, bool_or(covered) AS covered, "
              + "CASE string_split(regexp_extract(source, '[^/]+$'), '_')[2] WHEN '0' THEN 'male' ELSE 'female' END AS gender "
              + "FROM (SELECT source, TRUE AS covered FROM read_parquet('"
              + files.predictions()
              + "') "
              + "UNION ALL SELECT source, FALSE FROM read_parquet('"
              + files.deadLetters()
              + "')) GROUP BY source");
      try (ResultSet rs =
          s.executeQuery(
              "SELECT gender, count(*), avg(covered::DOUBLE), "
                  + "count(*) FILTER (WHERE NOT covered) FROM inputs GROUP BY GROUPING SETS ((), (gender))")) {
        int rows = 0;
        while (rs.next()) {
          String g = rs.getString(1);
          GroupKey key = g == null ? GroupKey.OVERALL : GroupKey.parse("gender=" + g);
          CoverageRow row =
              result.coverage().rows().stream()
                  .filter(r -> r.group().equals(key))
                  .findFirst()
                  .orElseThrow();
          assertEquals(rs.getLong(2), row.inputs());
          assertEquals(rs.getDouble(3), row.coverage().value(), TOLERANCE);
          assertEquals(rs.getLong(4), row.noFace() + row.failed());
          rows++;
        }
        assertEquals(3, rows);
      }
    }
    assertTrue(result.coverage().perGroup());
    assertEquals(6000, result.coverage().overall().inputs());
  }

  @Test
  void labelFreeMixAndConfidenceAgreeWithSql() throws Exception {
    AuditResult result = audit(AuditOptions.defaults().withMode(ModeChoice.LABEL_FREE));
    assertEquals(AuditMode.LABEL_FREE, result.mode());
    assertEquals(AuditResult.LABEL_FREE_NOTICE, result.notice());
    assertTrue(
        result.gaps().stream()
            .noneMatch(g -> g.metric() != null && g.metric().metric().name().equals("ACCURACY")));
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT gender_pred, count(*), avg(gender_confidence), "
                    + "avg((race_pred = 'asian')::DOUBLE) FROM read_parquet('"
                    + files.predictions()
                    + "') GROUP BY 1")) {
      int rows = 0;
      while (rs.next()) {
        GroupResult g = result.group(GroupKey.parse("gender=" + rs.getString(1))).orElseThrow();
        assertEquals(rs.getLong(2), g.n());
        assertEquals(
            rs.getDouble(3), g.value(MetricKey.parse("gender.mean_confidence")), TOLERANCE);
        assertEquals(
            rs.getDouble(4), g.value(MetricKey.parse("race.predicted_share[asian]")), TOLERANCE);
        rows++;
      }
      assertEquals(2, rows);
    }
    assertFalse(result.groups(Grouping.of("gender")).isEmpty());
  }
}
