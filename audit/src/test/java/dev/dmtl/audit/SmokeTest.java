package dev.dmtl.audit;

import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.testing.SyntheticRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
  @Test
  void runs(@TempDir Path dir) throws Exception {
    long t0 = System.nanoTime();
    SyntheticRun.Files f = SyntheticRun.write(dir, SyntheticRun.Options.realistic(20000, 7));
    long t1 = System.nanoTime();
    AuditResult r = new Auditor(AuditOptions.defaults().withResamples(200)).audit(new AuditInputs(List.of(f.predictions()), List.of(f.deadLetters())));
    long t2 = System.nanoTime();
    System.out.printf("write %.2fs audit %.2fs rows %d dead %d%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, f.predictionRows(), f.deadLetterRows());
    System.out.println(r.mode() + " groups=" + r.groups().size() + " gaps=" + r.gaps().size() + " conf=" + r.confusionMatrices().size());
    System.out.println(r.warnings());
    for (String k : List.of("gender.accuracy", "race.accuracy", "age.mae", "age.cs[5]", "age.group_accuracy", "race.macro_f1")) {
      var m = r.overall().metric(MetricKey.parse(k)).orElseThrow();
      System.out.println(k + " " + m.estimate() + " wilson " + m.wilson() + " n=" + m.n());
    }
    r.groups(dev.dmtl.audit.groups.Grouping.of("race")).forEach(g -> System.out.println(g.key() + " n=" + g.n() + " acc=" + g.metric(MetricKey.of("race", Metric.ACCURACY)).get().estimate() + " vsref=" + g.metric(MetricKey.of("race", Metric.ACCURACY)).get().vsReference() + " ref=" + g.reference()));
    r.gaps().stream().filter(g -> g.id().startsWith("gender.accuracy.") || g.id().startsWith("gender.equalized")).limit(12).forEach(g -> System.out.println(g.id() + " " + g.estimate() + " min=" + g.minGroup() + " max=" + g.maxGroup() + " k=" + g.groupsCompared()));
    r.coverage().rows().stream().limit(8).forEach(c -> System.out.println(c.group() + " in=" + c.inputs() + " ok=" + c.withPrediction() + " noface=" + c.noFace() + " " + c.coverage().estimate()));
    System.out.println(r.provenance());
  }
}
