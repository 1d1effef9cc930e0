package dev.dmtl.reports.testing;

import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.config.FailRule;
import dev.dmtl.audit.config.LabelOrigin;
import dev.dmtl.audit.groups.AgeBinPreset;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.GapKind;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.Attribute;
import dev.dmtl.audit.result.AttributeSource;
import dev.dmtl.audit.result.AuditProvenance;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.AuditedTask;
import dev.dmtl.audit.result.ConfusionMatrix;
import dev.dmtl.audit.result.Coverage;
import dev.dmtl.audit.result.CoverageRow;
import dev.dmtl.audit.result.DeadLetterReason;
import dev.dmtl.audit.result.Estimate;
import dev.dmtl.audit.result.GapResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.InputFile;
import dev.dmtl.audit.result.Interval;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.audit.result.RuleOutcome;
import dev.dmtl.audit.result.TaskSource;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.contract.rows.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A fixed, hand-built {@link AuditResult} with realistic numbers for golden tests, independent of
 * the audit engine: 3,000 faces from 3,100 UTKFace-like inputs; groups by gender, race and age
 * (FairFace bins) and all their intersections; values from a small additive model (children and the
 * elderly worse, "others" worse for race), intervals ±1.96·SE. Many triple cells are below the
 * minimum group size of 30 and so insufficient (NaN). A few numbers are pinned for assertions (see
 * the constants).
 */
public final class AuditFixture {

  public static final String MODEL_SHA =
      "9c1f0e2d3b4a59687766554433221100ffeeddccbbaa99887766554433221100";
  public static final Instant CREATED = Instant.parse("2025-11-20T09:30:00Z");
  public static final int TOTAL = 3000;

  /** Overall gender accuracy and interval: written 0.912 [0.902, 0.922]. */
  public static final Estimate GENDER_ACCURACY = new Estimate(0.91234, 0.90210, 0.92196);

  /** Overall age MAE and interval: written 5.43 [5.20, 5.67]. */
  public static final Estimate AGE_MAE = new Estimate(5.4321, 5.1987, 5.6712);

  public static final List<String> GENDERS = List.of("male", "female");
  public static final List<String> RACES = List.of("white", "black", "asian", "indian", "others");
  public static final List<String> AGES = AgeBinPreset.FAIRFACE.bins().labels();

  private static final double[] GENDER_SHARE = {0.52, 0.48};
  private static final double[] RACE_SHARE = {0.42, 0.19, 0.15, 0.17, 0.07};
  private static final double[] AGE_SHARE = {0.06, 0.06, 0.06, 0.30, 0.18, 0.10, 0.10, 0.07, 0.07};
  private static final double[] AGE_MAE_BY_BIN = {1.2, 2.5, 4.0, 4.6, 6.0, 7.2, 7.8, 8.9, 10.5};
  private static final double[] GENDER_ACC_BY_AGE = {
    -0.25, -0.12, -0.03, 0.02, 0.02, 0.01, 0, -0.02, -0.05
  };
  private static final double[] RACE_ACC_BY_RACE = {0.89, 0.86, 0.83, 0.74, 0.40};
  private static final double[] GENDER_ACC_BY_RACE = {0.01, -0.02, 0, -0.01, -0.06};

  private final List<String> races;
  private final String inputPath;
  private final AuditMode mode;
  private final List<FailRule> rules;
  private final List<String> warnings;

  private AuditFixture(
      List<String> races,
      String inputPath,
      AuditMode mode,
      List<FailRule> rules,
      List<String> warnings) {
    this.races = races;
    this.inputPath = inputPath;
    this.mode = mode;
    this.rules = rules;
    this.warnings = warnings;
  }

  /** The labelled audit with two rules, one failing. */
  public static AuditResult labelled() {
    return new AuditFixture(
            RACES,
            "runs/utk/predictions.parquet",
            AuditMode.LABELLED,
            List.of(
                FailRule.parse("gender.accuracy.gap@race>0.05"),
                FailRule.parse("age.mae.gap:lower@gender>2")),
            List.of())
        .build();
  }

  /** The labelled audit without rules. */
  public static AuditResult labelledWithoutRules() {
    return new AuditFixture(
            RACES, "runs/utk/predictions.parquet", AuditMode.LABELLED, List.of(), List.of())
        .build();
  }

  /** The label-free variant: predicted groups, shares and confidences only. */
  public static AuditResult labelFree() {
    return new AuditFixture(
            RACES, "runs/wild/predictions.parquet", AuditMode.LABEL_FREE, List.of(), List.of())
        .build();
  }

  /** A labelled audit whose labels, paths and warnings carry markup, for escaping tests. */
  public static AuditResult hostile(String label, String path) {
    List<String> races = List.of("white", "black", label, "indian", "others");
    return new AuditFixture(
            races,
            path,
            AuditMode.LABELLED,
            List.of(FailRule.parse("gender.accuracy.gap@race>0.05")),
            List.of("unknown race label " + label + " in " + path))
        .build();
  }

  private AuditResult build() {
    boolean labelled = mode == AuditMode.LABELLED;
    AuditOptions options =
        AuditOptions.defaults()
            .withThreads(2)
            .withResamples(1000)
            .withLabelSource(labelled ? LabelOrigin.UTKFACE_NAMES : LabelOrigin.COLUMNS)
            .withFailRules(rules);
    List<AuditedTask> tasks =
        List.of(
            new AuditedTask(new TaskSpec("age", TaskKind.ORDINAL, null, ranks(), List.of()), AGES),
            new AuditedTask(
                new TaskSpec("gender", TaskKind.NOMINAL, null, List.of(), GENDERS), GENDERS),
            new AuditedTask(new TaskSpec("race", TaskKind.NOMINAL, null, List.of(), races), races));
    AttributeSource source = labelled ? AttributeSource.TRUTH : AttributeSource.PREDICTION;
    List<Attribute> attributes =
        List.of(
            Attribute.ofTask("gender", source, GENDERS),
            Attribute.ofTask("race", source, races),
            Attribute.ofTask("age", source, AGES));
    List<Grouping> groupings =
        List.of(
            Grouping.OVERALL,
            Grouping.of("gender"),
            Grouping.of("race"),
            Grouping.of("age"),
            Grouping.of("gender", "race"),
            Grouping.of("gender", "age"),
            Grouping.of("race", "age"),
            Grouping.of("gender", "race", "age"));

    List<GroupResult> groups = new ArrayList<>();
    for (Grouping g : groupings) {
      for (List<String> values : combinations(g)) {
        groups.add(group(new GroupKey(g, values), labelled));
      }
    }
    List<GapResult> gaps = new ArrayList<>();
    for (Grouping g : groupings) {
      if (g.isOverall()) {
        continue;
      }
      List<GroupResult> members =
          groups.stream().filter(r -> r.key().grouping().equals(g)).toList();
      for (MetricKey key : gapKeys(labelled)) {
        gaps.addAll(metricGaps(g, key, members, groups.get(0)));
      }
      if (labelled) {
        gaps.add(taskGap(g, "gender", GapKind.EQUALIZED_ODDS, 0.061, members, "female"));
        gaps.add(taskGap(g, "gender", GapKind.DEMOGRAPHIC_PARITY, 0.043, members, "female"));
        gaps.add(taskGap(g, "race", GapKind.EQUALIZED_ODDS, 0.493, members, races.get(4)));
        gaps.add(taskGap(g, "race", GapKind.DEMOGRAPHIC_PARITY, 0.118, members, races.get(0)));
      }
    }
    Coverage coverage = coverage(labelled);
    if (labelled) {
      for (Grouping g : List.of(Grouping.of("gender"), Grouping.of("race"), Grouping.of("age"))) {
        List<CoverageRow> rows =
            coverage.rows().stream().filter(r -> r.group().grouping().equals(g)).toList();
        gaps.add(coverageGap(g, rows));
      }
    }
    List<ConfusionMatrix> matrices = labelled ? confusion() : List.of();
    AuditProvenance provenance =
        new AuditProvenance(
            "0.1.0-SNAPSHOT",
            CREATED,
            List.of(
                new InputFile(
                    inputPath,
                    "a3f1c2b4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80",
                    InputFile.Kind.PREDICTIONS,
                    TOTAL + 15),
                new InputFile(
                    "runs/utk/dead-letters.parquet",
                    "0b1c2d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbccddeeff0",
                    InputFile.Kind.DEAD_LETTERS,
                    100)),
            MODEL_SHA,
            TaskSource.FOOTER,
            options);
    AuditResult result =
        new AuditResult(
            AuditResult.SCHEMA_VERSION,
            mode,
            labelled ? null : AuditResult.LABEL_FREE_NOTICE,
            provenance,
            tasks,
            attributes,
            null,
            groupings,
            groups,
            gaps,
            matrices,
            List.of(),
            null,
            coverage,
            reasons(coverage.overall()),
            List.of(),
            warnings,
            null);
    return result.withRuleOutcomes(outcomes(result));
  }

  // ---- groups ----

  private List<List<String>> combinations(Grouping g) {
    List<List<String>> out = new ArrayList<>();
    out.add(List.of());
    for (String attribute : g.attributes()) {
      List<List<String>> next = new ArrayList<>();
      for (List<String> prefix : out) {
        for (String v : values(attribute)) {
          List<String> l = new ArrayList<>(prefix);
          l.add(v);
          next.add(l);
        }
      }
      out = next;
    }
    return out;
  }

  private List<String> values(String attribute) {
    return switch (attribute) {
      case "gender" -> GENDERS;
      case "race" -> races;
      default -> AGES;
    };
  }

  /** Group size: the total times the shares of its values. */
  static long size(GroupKey key) {
    double n = TOTAL;
    for (int i = 0; i < key.values().size(); i++) {
      String a = key.grouping().attributes().get(i);
      int v = index(a, key.values().get(i));
      n *=
          switch (a) {
            case "gender" -> GENDER_SHARE[v];
            case "race" -> RACE_SHARE[v];
            default -> AGE_SHARE[v];
          };
    }
    return Math.round(n);
  }

  private static int index(String attribute, String value) {
    int i =
        switch (attribute) {
          case "gender" -> GENDERS.indexOf(value);
          case "age" -> AGES.indexOf(value);
          default -> -1;
        };
    if (attribute.equals("race")) {
      // the hostile fixture renames one race: position in the grouping's own value list
      i = RACES.indexOf(value);
      if (i < 0) {
        i = 2;
      }
    }
    return i;
  }

  /** -1 when the group does not fix the attribute. */
  private static int level(GroupKey key, String attribute) {
    String v = key.value(attribute);
    return v == null ? -1 : index(attribute, v);
  }

  private GroupResult group(GroupKey key, boolean labelled) {
    long n = key.isOverall() ? TOTAL : size(key);
    boolean small = n < 30;
    List<MetricResult> metrics = new ArrayList<>();
    int age = level(key, "age");
    int race = level(key, "race");
    int gender = level(key, "gender");
    if (labelled) {
      double mae = age >= 0 ? AGE_MAE_BY_BIN[age] : 5.4;
      mae += race == 1 ? 0.4 : race == 4 ? 0.6 : 0;
      Estimate maeE = key.isOverall() ? AGE_MAE : years(mae, n);
      metrics.add(count("age", n, small));
      metrics.add(metric(MetricKey.of("age", Metric.MAE), n, small, maeE, Interval.NONE));
      metrics.add(
          metric(MetricKey.of("age", Metric.RMSE), n, small, years(mae * 1.32, n), Interval.NONE));
      metrics.add(
          metric(
              MetricKey.of("age", Metric.MEAN_ERROR),
              n,
              small,
              years(age < 0 ? 0.3 : age < 2 ? 1.1 : age > 6 ? -0.9 * (age - 5) : 0.2, n),
              Interval.NONE));
      metrics.add(share(MetricKey.of("age", Metric.GROUP_ACCURACY), n, small, 0.72 - mae * 0.04));
      for (int k = 0; k <= 20; k++) {
        double cs = k == 0 ? 0.11 * 4.6 / mae : 1 - Math.exp(-k / (mae * 0.95));
        metrics.add(share(MetricKey.ofK("age", Metric.CS, k), n, small, Math.min(0.999, cs)));
      }
      double gAcc =
          0.915
              + (age >= 0 ? GENDER_ACC_BY_AGE[age] : 0)
              + (race >= 0 ? GENDER_ACC_BY_RACE[race] : 0);
      metrics.add(count("gender", n, small));
      metrics.add(
          key.isOverall()
              ? metric(
                  MetricKey.of("gender", Metric.ACCURACY),
                  n,
                  false,
                  GENDER_ACCURACY,
                  new Interval(0.9014, 0.9225))
              : share(MetricKey.of("gender", Metric.ACCURACY), n, small, gAcc));
      metrics.add(share(MetricKey.of("gender", Metric.MACRO_F1), n, small, gAcc - 0.004));
      for (int c = 0; c < GENDERS.size(); c++) {
        // recall of a class the group holds no faces of is undefined: NaN, never 0
        double recall = gender >= 0 && gender != c ? Double.NaN : gAcc + (c == 1 ? -0.01 : 0.01);
        metrics.add(
            share(MetricKey.ofClass("gender", Metric.RECALL, GENDERS.get(c)), n, small, recall));
      }
      double rAcc = race >= 0 ? RACE_ACC_BY_RACE[race] : 0.823;
      rAcc += age == 0 ? -0.08 : age == 8 ? -0.03 : 0;
      metrics.add(count("race", n, small));
      metrics.add(share(MetricKey.of("race", Metric.ACCURACY), n, small, rAcc));
      metrics.add(share(MetricKey.of("race", Metric.MACRO_F1), n, small, rAcc - 0.06));
      for (int c = 0; c < races.size(); c++) {
        double recall = race >= 0 && race != c ? Double.NaN : RACE_ACC_BY_RACE[c];
        metrics.add(
            share(MetricKey.ofClass("race", Metric.RECALL, races.get(c)), n, small, recall));
      }
    } else {
      metrics.add(count("age", n, small));
      metrics.add(
          metric(
              MetricKey.of("age", Metric.MEAN_PREDICTION),
              n,
              small,
              years(age >= 0 ? new double[] {2, 6, 15, 25, 34, 45, 55, 64, 76}[age] : 31.7, n),
              Interval.NONE));
      for (int c = 0; c < AGES.size(); c++) {
        metrics.add(
            share(
                MetricKey.ofClass("age", Metric.PREDICTED_SHARE, AGES.get(c)),
                n,
                small,
                age >= 0 ? (age == c ? 1 : 0) : AGE_SHARE[c]));
      }
      for (String task : List.of("gender", "race")) {
        metrics.add(count(task, n, small));
        double conf =
            0.88
                - (age == 0 ? 0.12 : 0)
                - (race == 4 ? 0.15 : 0)
                - (task.equals("race") ? 0.06 : 0);
        metrics.add(share(MetricKey.of(task, Metric.MEAN_CONFIDENCE), n, small, conf));
      }
    }
    boolean reference = !key.isOverall() && isLargest(key);
    return new GroupResult(key, n, reference, metrics);
  }

  private boolean isLargest(GroupKey key) {
    return combinations(key.grouping()).stream()
        .map(v -> new GroupKey(key.grouping(), v))
        .max(java.util.Comparator.comparingLong(AuditFixture::size))
        .orElseThrow()
        .equals(key);
  }

  private static MetricResult count(String task, long n, boolean small) {
    return new MetricResult(
        MetricKey.of(task, Metric.N),
        n,
        small,
        small ? Estimate.NAN : Estimate.of((double) n),
        Interval.NONE,
        Estimate.NAN,
        Estimate.NAN,
        Estimate.NAN);
  }

  private static MetricResult share(MetricKey key, long n, boolean small, double p) {
    if (small || Double.isNaN(p)) {
      return metric(key, n, small, Estimate.NAN, Interval.NONE);
    }
    double p1 = Math.max(0, Math.min(1, p));
    double h = 1.96 * Math.sqrt(p1 * (1 - p1) / n);
    return metric(
        key,
        n,
        false,
        new Estimate(p1, Math.max(0, p1 - h), Math.min(1, p1 + h)),
        new Interval(Math.max(0, p1 - h * 1.01), Math.min(1, p1 + h * 0.99)));
  }

  private static Estimate years(double v, long n) {
    double h = 1.96 * 0.8 * Math.abs(v) / Math.sqrt((double) Math.max(1, n)) + 0.05;
    return new Estimate(v, v - h, v + h);
  }

  private static MetricResult metric(
      MetricKey key, long n, boolean small, Estimate e, Interval wilson) {
    if (small) {
      return new MetricResult(
          key, n, true, Estimate.NAN, Interval.NONE, Estimate.NAN, Estimate.NAN, Estimate.NAN);
    }
    Estimate vsRef =
        Double.isNaN(e.value()) ? Estimate.NAN : new Estimate(e.value() * 0.01, -0.01, 0.02);
    return new MetricResult(key, n, false, e, wilson, vsRef, Estimate.NAN, Estimate.NAN);
  }

  private static List<Integer> ranks() {
    List<Integer> r = new ArrayList<>();
    for (int i = 1; i <= 116; i++) {
      r.add(i);
    }
    return r;
  }

  // ---- gaps ----

  private List<MetricKey> gapKeys(boolean labelled) {
    // recall of one race is defined only in that race's group: across race groups its gap is NaN
    return labelled
        ? List.of(
            MetricKey.of("age", Metric.MAE),
            MetricKey.of("gender", Metric.ACCURACY),
            MetricKey.of("race", Metric.ACCURACY),
            MetricKey.ofK("age", Metric.CS, 5),
            MetricKey.ofClass("race", Metric.RECALL, races.get(4)))
        : List.of(
            MetricKey.of("age", Metric.MEAN_PREDICTION),
            MetricKey.of("gender", Metric.MEAN_CONFIDENCE),
            MetricKey.of("race", Metric.MEAN_CONFIDENCE));
  }

  static List<GapResult> metricGaps(
      Grouping g, MetricKey key, List<GroupResult> members, GroupResult overall) {
    List<GroupResult> ok = members.stream().filter(m -> !Double.isNaN(m.value(key))).toList();
    List<GapResult> out = new ArrayList<>();
    if (ok.size() < 2) {
      for (GapKind kind :
          List.of(GapKind.DIFFERENCE, GapKind.RATIO, GapKind.VS_REFERENCE, GapKind.VS_OVERALL)) {
        out.add(
            new GapResult(
                g, key.task(), key, kind, Estimate.NAN, ok.size(), null, null, null, null));
      }
      return out;
    }
    ToDoubleFunction<GroupResult> v = m -> m.value(key);
    GroupResult min = ok.stream().min(java.util.Comparator.comparingDouble(v)).orElseThrow();
    GroupResult max = ok.stream().max(java.util.Comparator.comparingDouble(v)).orElseThrow();
    GroupResult ref = members.stream().filter(GroupResult::reference).findFirst().orElse(max);
    double diff = v.applyAsDouble(max) - v.applyAsDouble(min);
    double ratio = v.applyAsDouble(min) / v.applyAsDouble(max);
    double vsRef =
        ok.stream()
            .mapToDouble(m -> Math.abs(v.applyAsDouble(m) - ref.value(key)))
            .max()
            .orElse(Double.NaN);
    double vsAll =
        ok.stream()
            .mapToDouble(m -> Math.abs(v.applyAsDouble(m) - overall.value(key)))
            .max()
            .orElse(Double.NaN);
    out.add(
        new GapResult(
            g,
            key.task(),
            key,
            GapKind.DIFFERENCE,
            spread(diff),
            ok.size(),
            min.key(),
            max.key(),
            null,
            null));
    out.add(
        new GapResult(
            g,
            key.task(),
            key,
            GapKind.RATIO,
            spread(ratio),
            ok.size(),
            min.key(),
            max.key(),
            null,
            null));
    out.add(
        new GapResult(
            g,
            key.task(),
            key,
            GapKind.VS_REFERENCE,
            spread(vsRef),
            ok.size(),
            null,
            max.key(),
            ref.key(),
            null));
    out.add(
        new GapResult(
            g,
            key.task(),
            key,
            GapKind.VS_OVERALL,
            spread(vsAll),
            ok.size(),
            null,
            max.key(),
            null,
            null));
    return out;
  }

  private static Estimate spread(double v) {
    return new Estimate(v, v * 0.7, v * 1.3);
  }

  private static GapResult taskGap(
      Grouping g,
      String task,
      GapKind kind,
      double value,
      List<GroupResult> members,
      String label) {
    List<GroupResult> ok =
        members.stream()
            .filter(m -> !Double.isNaN(m.value(MetricKey.of(task, Metric.ACCURACY))))
            .toList();
    if (ok.size() < 2) {
      return new GapResult(g, task, null, kind, Estimate.NAN, ok.size(), null, null, null, null);
    }
    return new GapResult(
        g,
        task,
        null,
        kind,
        spread(value * (1 + 0.1 * g.order())),
        ok.size(),
        ok.get(0).key(),
        ok.get(ok.size() - 1).key(),
        null,
        label);
  }

  // ---- coverage ----

  /**
   * The dead letters' reasons, consistent with the overall coverage row; the DECODE error class is
   * the races' third label, so the hostile fixture carries its markup there too.
   */
  private List<DeadLetterReason> reasons(CoverageRow overall) {
    Map<Stage, String> errorClass =
        Map.of(
            Stage.NO_FACE,
            "NoFaceFound",
            Stage.DECODE,
            races.get(2).equals("asian") ? "IIOException" : races.get(2),
            Stage.READ,
            "AccessDeniedException");
    Map<Stage, String> example =
        Map.of(
            Stage.NO_FACE,
            "no face above score 0.6",
            Stage.DECODE,
            "Unsupported Image Type",
            Stage.READ,
            "permission denied");
    List<DeadLetterReason> out = new ArrayList<>();
    overall.deadLettersByStage().entrySet().stream()
        .sorted(
            Map.Entry.<Stage, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(
            e ->
                out.add(
                    new DeadLetterReason(
                        e.getKey(),
                        errorClass.get(e.getKey()),
                        e.getValue(),
                        example.get(e.getKey()))));
    return out;
  }

  private Coverage coverage(boolean labelled) {
    List<CoverageRow> rows = new ArrayList<>();
    rows.add(coverageRow(GroupKey.OVERALL, 3100, 80, 20));
    if (labelled) {
      for (Grouping g : List.of(Grouping.of("gender"), Grouping.of("race"), Grouping.of("age"))) {
        for (List<String> v : combinations(g)) {
          GroupKey key = new GroupKey(g, v);
          long faces = size(key);
          int age = level(key, "age");
          long noFace =
              Math.round(
                  faces
                      * (age == 0
                          ? 0.09
                          : age == 8 ? 0.06 : level(key, "race") == 1 ? 0.035 : 0.022));
          long failed = Math.round(faces * 0.006);
          rows.add(coverageRow(key, faces + noFace + failed, noFace, failed));
        }
      }
    }
    return new Coverage(labelled, labelled ? 7 : 0, rows);
  }

  private static CoverageRow coverageRow(GroupKey key, long inputs, long noFace, long failed) {
    Map<Stage, Long> stages = new EnumMap<>(Stage.class);
    if (noFace > 0) {
      stages.put(Stage.NO_FACE, noFace);
    }
    if (failed > 0) {
      long read = failed / 4;
      stages.put(Stage.DECODE, failed - read);
      if (read > 0) {
        stages.put(Stage.READ, read);
      }
    }
    long with = inputs - noFace - failed;
    MetricResult cov =
        share(
            MetricKey.of(MetricKey.COVERAGE_TASK, Metric.COVERAGE),
            inputs,
            inputs < 30,
            (double) with / inputs);
    return new CoverageRow(key, inputs, with, noFace, failed, stages, cov);
  }

  private static GapResult coverageGap(Grouping g, List<CoverageRow> rows) {
    MetricKey key = MetricKey.of(MetricKey.COVERAGE_TASK, Metric.COVERAGE);
    CoverageRow min =
        rows.stream()
            .min(java.util.Comparator.comparingDouble(r -> r.coverage().value()))
            .orElseThrow();
    CoverageRow max =
        rows.stream()
            .max(java.util.Comparator.comparingDouble(r -> r.coverage().value()))
            .orElseThrow();
    return new GapResult(
        g,
        MetricKey.COVERAGE_TASK,
        key,
        GapKind.DIFFERENCE,
        spread(max.coverage().value() - min.coverage().value()),
        rows.size(),
        min.group(),
        max.group(),
        null,
        null);
  }

  // ---- confusion ----

  private List<ConfusionMatrix> confusion() {
    List<ConfusionMatrix> out = new ArrayList<>();
    out.add(new ConfusionMatrix(GroupKey.OVERALL, "age", AGES, ageMatrix(), false));
    out.add(
        new ConfusionMatrix(
            GroupKey.OVERALL, "gender", GENDERS, new long[][] {{1427, 133}, {130, 1310}}, false));
    out.add(
        new ConfusionMatrix(
            GroupKey.OVERALL,
            "race",
            races,
            new long[][] {
              {1121, 39, 28, 41, 31},
              {30, 490, 9, 24, 17},
              {27, 8, 374, 21, 20},
              {52, 30, 17, 378, 33},
              {61, 19, 21, 25, 84}
            },
            false));
    // one intersectional matrix, small enough to be insufficient: race among women aged 0-2
    GroupKey babies = new GroupKey(Grouping.of("gender", "age"), List.of("female", "0-2"));
    out.add(
        new ConfusionMatrix(
            babies,
            "race",
            races,
            new long[][] {
              {9, 1, 0, 1, 0}, {1, 4, 0, 0, 0}, {0, 0, 3, 1, 0}, {1, 0, 0, 3, 0}, {1, 0, 0, 0, 1}
            },
            true));
    return out;
  }

  private static long[][] ageMatrix() {
    long[][] m = new long[AGES.size()][AGES.size()];
    for (int i = 0; i < AGES.size(); i++) {
      long row = Math.round(TOTAL * AGE_SHARE[i]);
      double stay = 0.86 - AGE_MAE_BY_BIN[i] * 0.05;
      long diag = Math.round(row * stay);
      m[i][i] = diag;
      long rest = row - diag;
      if (i == 0) {
        m[i][1] = rest;
      } else if (i == AGES.size() - 1) {
        m[i][i - 1] = rest;
      } else {
        m[i][i - 1] = rest / 2;
        m[i][i + 1] = rest - rest / 2;
      }
    }
    return m;
  }

  // ---- rules ----

  private List<RuleOutcome> outcomes(AuditResult r) {
    List<RuleOutcome> out = new ArrayList<>();
    for (FailRule rule : rules) {
      Map<String, Double> observed = new LinkedHashMap<>();
      for (GapResult g : r.gaps()) {
        if (g.metric() != null
            && g.metric().equals(rule.metric())
            && g.kind() == rule.gap()
            && (rule.scope() == null
                ? !g.grouping().isOverall()
                : g.grouping().equals(rule.scope()))) {
          double v =
              switch (rule.statistic()) {
                case VALUE -> g.estimate().value();
                case LOWER -> g.estimate().lower();
                case UPPER -> g.estimate().upper();
              };
          observed.put(g.id(), v);
        }
      }
      observed.forEach(
          (subject, v) ->
              out.add(
                  new RuleOutcome(
                      rule,
                      subject,
                      v,
                      Double.isNaN(v)
                          ? RuleOutcome.Status.NOT_EVALUABLE
                          : rule.op().holds(v, rule.threshold())
                              ? RuleOutcome.Status.VIOLATED
                              : RuleOutcome.Status.PASSED)));
    }
    return out;
  }
}
