package dev.dmtl.audit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.GapKind;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.ConfusionMatrix;
import dev.dmtl.audit.result.GapResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.MetricResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Group metrics, minimum sizes, gaps and the bootstrap on hand-built rows. */
class PopulationAuditTest {

  private static final double EPS = 1e-12;
  private static final List<String> GENDERS = List.of("male", "female");
  private static final List<String> AGES = List.of("young", "old");
  private static final int MALE = 0;
  private static final int FEMALE = 1;
  private static final int YOUNG = 0;
  private static final int OLD = 1;

  private static PopulationAudit.Settings settings(
      int minGroupSize, int resamples, long seed, int threads) {
    return new PopulationAudit.Settings(minGroupSize, resamples, seed, 0.95, threads, List.of());
  }

  /**
   * Attributes gender × age, tasks gender (nominal) and age (ordinal), every row's prediction right
   * for gender.
   */
  private static Population genderAge(Rows rows) {
    GroupIndex index = new GroupIndex(List.of("gender", "age"), List.of(GENDERS, AGES), 2);
    return new Population(
        rows.n(),
        index,
        rows.codeArrays(2),
        List.of(rows.nominal("gender", GENDERS), rows.ordinal("age", AGES)));
  }

  private static GroupResult group(PopulationAudit.Outcome o, String id) {
    GroupKey key = GroupKey.parse(id);
    return o.groups().stream().filter(g -> g.key().equals(key)).findFirst().orElseThrow();
  }

  private static MetricResult metric(PopulationAudit.Outcome o, String group, String key) {
    return group(o, group).metric(MetricKey.parse(key)).orElseThrow();
  }

  private static Rows maeRows() {
    Rows r = new Rows();
    // female, young: errors 1, -2, 4
    r.add(1, new int[] {FEMALE, YOUNG}, FEMALE, FEMALE, YOUNG, YOUNG, 1);
    r.add(1, new int[] {FEMALE, YOUNG}, FEMALE, FEMALE, YOUNG, YOUNG, -2);
    r.add(1, new int[] {FEMALE, YOUNG}, FEMALE, FEMALE, YOUNG, OLD, 4);
    // male, young: errors 0, 10
    r.add(1, new int[] {MALE, YOUNG}, MALE, MALE, YOUNG, YOUNG, 0);
    r.add(1, new int[] {MALE, YOUNG}, MALE, MALE, YOUNG, OLD, 10);
    // male, old: errors 3, 3, -3, -6
    r.add(2, new int[] {MALE, OLD}, MALE, MALE, OLD, OLD, 3);
    r.add(1, new int[] {MALE, OLD}, MALE, MALE, OLD, OLD, -3);
    r.add(1, new int[] {MALE, OLD}, MALE, MALE, OLD, YOUNG, -6);
    return r;
  }

  @Test
  void perGroupMaeAndCs() {
    PopulationAudit.Outcome o = PopulationAudit.run(genderAge(maeRows()), settings(1, 0, 1, 1));
    assertEquals(32.0 / 9, metric(o, "all", "age.mae").value(), EPS);
    assertEquals(7.0 / 3, metric(o, "gender=female,age=young", "age.mae").value(), EPS);
    assertEquals(
        1.0,
        metric(o, "gender=female,age=young", "age.mean_error").value(),
        EPS); // (1 - 2 + 4) / 3
    assertEquals(2.0 / 3, metric(o, "gender=female,age=young", "age.cs[2]").value(), EPS);
    assertEquals(5.0, metric(o, "gender=male,age=young", "age.mae").value(), EPS);
    assertEquals(0.5, metric(o, "gender=male,age=young", "age.cs[0]").value(), EPS);
    assertEquals(15.0 / 4, metric(o, "gender=male,age=old", "age.mae").value(), EPS);
    assertEquals(3.0 / 4, metric(o, "gender=male,age=old", "age.cs[3]").value(), EPS);
    // age=young pools both genders: (7 + 10) / 5; |e| <= 2 for 1, -2, 0
    assertEquals(3.4, metric(o, "age=young", "age.mae").value(), EPS);
    assertEquals(3.0 / 5, metric(o, "age=young", "age.cs[2]").value(), EPS);
    // MSE of male: (0 + 100 + 9 + 9 + 9 + 36) / 6
    assertEquals(163.0 / 6, metric(o, "gender=male", "age.mse").value(), EPS);
    // age-group accuracy: female young 2 of 3 in the right bin
    assertEquals(2.0 / 3, metric(o, "gender=female,age=young", "age.group_accuracy").value(), EPS);
    assertEquals(9, group(o, "all").n());
  }

  @Test
  void emptyAndTinyGroupsAreListedInsufficientAndNaN() {
    PopulationAudit.Outcome o = PopulationAudit.run(genderAge(maeRows()), settings(3, 0, 1, 1));
    // female, old has no rows at all: still listed
    GroupResult empty = group(o, "gender=female,age=old");
    assertEquals(0, empty.n());
    for (MetricResult m : empty.metrics()) {
      assertTrue(m.insufficient(), m.key().id());
      if (m.key().metric() == Metric.N) {
        assertEquals(0.0, m.value());
      } else {
        assertTrue(Double.isNaN(m.value()), m.key().id() + " must be NaN, never 0");
      }
    }
    // male, young has 2 rows, below 3: n is told, every estimate NaN
    MetricResult tiny = metric(o, "gender=male,age=young", "age.mae");
    assertTrue(tiny.insufficient());
    assertEquals(2, tiny.n());
    assertTrue(Double.isNaN(tiny.value()));
    assertTrue(Double.isNaN(tiny.vsOverall().value()));
    assertEquals(2.0, metric(o, "gender=male,age=young", "age.n").value());
    // 3 rows are enough
    assertFalse(metric(o, "gender=female,age=young", "age.mae").insufficient());
    // the gap over gender,age compares the two sufficient cells only: 15/4 - 7/3
    GapResult gap =
        o.gaps().stream()
            .filter(
                g ->
                    g.grouping().equals(Grouping.of("gender", "age"))
                        && MetricKey.parse("age.mae").equals(g.metric())
                        && g.kind() == GapKind.DIFFERENCE)
            .findFirst()
            .orElseThrow();
    assertEquals(15.0 / 4 - 7.0 / 3, gap.value(), EPS);
    assertEquals(2, gap.groupsCompared());
    // the confusion matrix of an empty group is listed too, flagged
    ConfusionMatrix m =
        o.confusionMatrices().stream()
            .filter(c -> c.group().equals(GroupKey.parse("age=old")) && c.task().equals("gender"))
            .findFirst()
            .orElseThrow();
    assertEquals(4, m.count(MALE, MALE));
    assertFalse(m.insufficient());
  }

  /**
   * Attribute race (a, b), task gender. Confusions (rows true male/female, columns predicted): a =
   * [[20, 5], [5, 20]], b = [[12, 8], [4, 16]].
   */
  private static Population raceGender() {
    Rows r = new Rows();
    int a = 0;
    int b = 1;
    r.add(20, new int[] {a}, MALE, MALE, 0, 0, 0)
        .add(5, new int[] {a}, MALE, FEMALE, 0, 0, 0)
        .add(5, new int[] {a}, FEMALE, MALE, 0, 0, 0)
        .add(20, new int[] {a}, FEMALE, FEMALE, 0, 0, 0);
    r.add(12, new int[] {b}, MALE, MALE, 0, 0, 0)
        .add(8, new int[] {b}, MALE, FEMALE, 0, 0, 0)
        .add(4, new int[] {b}, FEMALE, MALE, 0, 0, 0)
        .add(16, new int[] {b}, FEMALE, FEMALE, 0, 0, 0);
    GroupIndex index = new GroupIndex(List.of("race"), List.of(List.of("a", "b")), 1);
    return new Population(r.n(), index, r.codeArrays(1), List.of(r.nominal("gender", GENDERS)));
  }

  private static GapResult gap(PopulationAudit.Outcome o, String metric, GapKind kind) {
    return o.gaps().stream()
        .filter(
            g ->
                g.kind() == kind
                    && (metric == null
                        ? g.metric() == null
                        : MetricKey.parse(metric).equals(g.metric())))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void gapsByHand() {
    PopulationAudit.Outcome o = PopulationAudit.run(raceGender(), settings(30, 0, 1, 1));
    // accuracy a = 40/50 = 0.8, b = 28/40 = 0.7, overall 68/90
    GapResult diff = gap(o, "gender.accuracy", GapKind.DIFFERENCE);
    assertEquals(0.1, diff.value(), EPS);
    assertEquals(GroupKey.parse("race=b"), diff.minGroup());
    assertEquals(GroupKey.parse("race=a"), diff.maxGroup());
    assertEquals(0.875, gap(o, "gender.accuracy", GapKind.RATIO).value(), EPS);
    GapResult vsRef = gap(o, "gender.accuracy", GapKind.VS_REFERENCE);
    assertEquals(GroupKey.parse("race=a"), vsRef.reference()); // the largest group
    assertEquals(0.1, vsRef.value(), EPS);
    assertEquals(
        Math.abs(0.7 - 68.0 / 90), gap(o, "gender.accuracy", GapKind.VS_OVERALL).value(), EPS);
    // equalized odds: male TPR 0.8 vs 0.6, FPR 0.2 vs 0.2; female TPR 0.8 vs 0.8, FPR 0.2 vs 0.4 ->
    // 0.2
    GapResult eo = gap(o, null, GapKind.EQUALIZED_ODDS);
    assertEquals(0.2, eo.value(), EPS);
    assertEquals("male", eo.label());
    // demographic parity: share predicted male 25/50 vs 16/40, female 25/50 vs 24/40 -> 0.1
    assertEquals(0.1, gap(o, null, GapKind.DEMOGRAPHIC_PARITY).value(), EPS);
    // per group comparisons
    MetricResult b = metric(o, "race=b", "gender.accuracy");
    assertEquals(-0.1, b.vsReference().value(), EPS);
    assertEquals(0.875, b.ratioToReference().value(), EPS);
    assertEquals(0.7 - 68.0 / 90, b.vsOverall().value(), EPS);
    MetricResult a = metric(o, "race=a", "gender.accuracy");
    assertEquals(0.0, a.vsReference().value(), EPS);
    assertTrue(group(o, "race=a").reference());
    assertTrue(Double.isNaN(metric(o, "all", "gender.accuracy").vsOverall().value()));
    // no bootstrap asked: no intervals, but Wilson still (28 of 40)
    assertTrue(Double.isNaN(b.estimate().lower()));
    assertTrue(b.wilson().lower() < 0.7 && b.wilson().upper() > 0.7);
  }

  @Test
  void configuredReferenceGroup() {
    PopulationAudit.Settings s =
        new PopulationAudit.Settings(30, 0, 1, 0.95, 1, List.of(GroupKey.parse("race=b")));
    PopulationAudit.Outcome o = PopulationAudit.run(raceGender(), s);
    assertEquals(0.1, metric(o, "race=a", "gender.accuracy").vsReference().value(), EPS);
    assertEquals(
        GroupKey.parse("race=b"), gap(o, "gender.accuracy", GapKind.VS_REFERENCE).reference());
  }

  @Test
  void seededBootstrapIsReproducibleWhateverTheThreadCount() {
    PopulationAudit.Outcome one = PopulationAudit.run(raceGender(), settings(30, 300, 2024, 1));
    PopulationAudit.Outcome again = PopulationAudit.run(raceGender(), settings(30, 300, 2024, 1));
    PopulationAudit.Outcome two = PopulationAudit.run(raceGender(), settings(30, 300, 2024, 2));
    PopulationAudit.Outcome other = PopulationAudit.run(raceGender(), settings(30, 300, 7, 2));
    assertEquals(one.groups(), again.groups());
    assertEquals(one.gaps(), again.gaps());
    assertEquals(one.groups(), two.groups());
    assertEquals(one.gaps(), two.gaps());
    assertNotEquals(one.groups(), other.groups());
    MetricResult acc = metric(one, "race=b", "gender.accuracy");
    assertTrue(
        acc.estimate().lower() < 0.7 && acc.estimate().upper() > 0.7, acc.estimate().toString());
    // the percentile interval of a proportion is close to its Wilson interval at n = 40
    assertEquals(acc.wilson().lower(), acc.estimate().lower(), 0.05);
    GapResult diff = gap(one, "gender.accuracy", GapKind.DIFFERENCE);
    assertTrue(diff.estimate().lower() <= 0.1 && diff.estimate().upper() >= 0.1);
    assertNull(gap(one, "gender.accuracy", GapKind.VS_OVERALL).minGroup());
  }
}
