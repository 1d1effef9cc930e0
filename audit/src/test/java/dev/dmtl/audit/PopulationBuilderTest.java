package dev.dmtl.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.config.AgePrediction;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.engine.GroupIndex;
import dev.dmtl.audit.engine.Population;
import dev.dmtl.audit.engine.PopulationAudit;
import dev.dmtl.audit.groups.AgeBinPreset;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.input.FaceRows;
import dev.dmtl.audit.input.TaskColumns;
import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Age truth, age prediction choice and label-free attributes, from typed rows to metrics. */
class PopulationBuilderTest {

  private static final double EPS = 1e-12;
  private static final double NAN = Double.NaN;

  private static FaceRows age(double[] low, double[] high, double[] rank, double[] expected) {
    TaskSpec def = new TaskSpec("age", TaskKind.ORDINAL, null, List.of(), List.of());
    int n = low.length;
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = "img" + i;
    }
    return new FaceRows(
        n,
        List.of(new TaskColumns(def, null, null, null, low, high, rank, expected, null, null)),
        java.util.stream.IntStream.range(0, n).toArray(),
        names,
        names,
        names);
  }

  private static PopulationAudit.Outcome run(FaceRows faces, AgePrediction which, AuditMode mode) {
    PopulationBuilder b =
        new PopulationBuilder(
            AuditOptions.defaults()
                .withAgeBins(AgeBinPreset.ADIENCE.bins())
                .withAgePrediction(which)
                .withMaxIntersection(1));
    GroupIndex index = b.index(faces, true, null);
    Population p = b.faces(faces, index, mode, new int[0][]);
    return PopulationAudit.run(p, new PopulationAudit.Settings(1, 0, 1, 0.95, 1, List.of()));
  }

  private static double value(PopulationAudit.Outcome o, String group, String key) {
    return o.groups().stream()
        .filter(g -> g.key().equals(GroupKey.parse(group)))
        .findFirst()
        .orElseThrow()
        .value(MetricKey.parse(key));
  }

  @Test
  void adienceRangesScoreTheDistanceToTheRange() {
    // three faces labelled 25-32 (Adience), predicted 20, 28, 40: errors -5, 0, +8; one face
    // unlabelled
    FaceRows faces =
        age(
            new double[] {25, 25, 25, NAN},
            new double[] {32, 32, 32, NAN},
            new double[] {20, 28, 40, 30},
            new double[] {20.4, 28, 40, 30});
    PopulationAudit.Outcome o = run(faces, AgePrediction.RANK, AuditMode.LABELLED);
    assertEquals(3, value(o, "all", "age.n"), EPS);
    assertEquals(13.0 / 3, value(o, "all", "age.mae"), EPS);
    assertEquals(1.0, value(o, "all", "age.mean_error"), EPS);
    assertEquals(1.0 / 3, value(o, "all", "age.cs[0]"), EPS);
    // all three are in the 25-37 group (midpoint 28.5); predictions 20, 28, 40 fall in 15-24,
    // 25-37, 38-47
    assertEquals(3, value(o, "age=25-37", "age.n"), EPS);
    assertEquals(1.0 / 3, value(o, "age=25-37", "age.group_accuracy"), EPS);
    assertEquals(1.0, value(o, "age=25-37", "age.group_one_off_accuracy"), EPS);
    // the expected rank moves the first error to -4.6
    PopulationAudit.Outcome e = run(faces, AgePrediction.EXPECTED, AuditMode.LABELLED);
    assertEquals((4.6 + 0 + 8) / 3, value(e, "all", "age.mae"), EPS);
  }

  @Test
  void expectedRankMissingIsAClearError() {
    FaceRows faces =
        age(new double[] {30}, new double[] {30}, new double[] {31}, new double[] {NAN});
    IllegalArgumentException x =
        assertThrows(
            IllegalArgumentException.class,
            () -> run(faces, AgePrediction.EXPECTED, AuditMode.LABELLED));
    assertTrue(x.getMessage().contains("age_expected"), x.getMessage());
  }

  @Test
  void labelFreeGroupsByPrediction() {
    FaceRows faces =
        age(
            new double[] {NAN, NAN, NAN},
            new double[] {NAN, NAN, NAN},
            new double[] {1, 30, 34},
            new double[] {1, 30, 34});
    PopulationAudit.Outcome o = run(faces, AgePrediction.RANK, AuditMode.LABEL_FREE);
    assertEquals(2, value(o, "age=25-37", "age.n"), EPS);
    assertEquals(32, value(o, "age=25-37", "age.mean_prediction"), EPS);
    assertEquals(2.0 / 3, value(o, "all", "age.predicted_share[25-37]"), EPS);
  }
}
