package dev.dmtl.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.dmtl.audit.config.AttributeOptions;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.config.BinRule;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.json.DmtlJson;
import dev.dmtl.inference.batch.BatchSize;
import dev.dmtl.pipeline.InferJob;
import dev.dmtl.pipeline.InferRequest;
import dev.dmtl.pipeline.RunnerKind;
import dev.dmtl.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compliance reviewer's re-run: the same inputs through the pipeline twice, with different
 * parallelism (so the workers write the rows in another order and into other files), give identical
 * audits, bootstrap intervals and significance flags included.
 */
class SameInputsSameAuditTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private AuditResult inferAndAudit(Path faces, int parallelism, String name) throws Exception {
    Path out = dir.resolve(name);
    InferJob.run(
        InferRequest.of(List.of(faces.toString()), out.toString())
            .withRunner(RunnerKind.FLINK, parallelism)
            .withLabels("utkface")
            .withBatchSize(new BatchSize(8)));
    AuditOptions options =
        AuditOptions.defaults()
            .withResamples(200)
            .withThreads(parallelism)
            .withMinGroupSize(10)
            .withAttributes(
                new AttributeOptions(
                    TestData.root().resolve("utkface-sample-attributes.csv").toString(),
                    List.of(BinRule.parse("brightness=q4"))));
    return new AuditStep(CLOCK)
        .run(new AuditStep.Request(List.of(out), options, out.resolve("audit"), false))
        .result();
  }

  @Test
  void twoPipelineRunsWithDifferentParallelismGiveIdenticalAudits() throws Exception {
    Path faces = Files.createDirectories(dir.resolve("faces"));
    try (Stream<Path> sample = Files.list(TestData.utkfaceSample())) {
      for (Path p : sample.sorted().limit(90).toList()) {
        Files.copy(p, faces.resolve(p.getFileName()));
      }
    }
    AuditResult one = inferAndAudit(faces, 1, "one");
    AuditResult two = inferAndAudit(faces, 2, "two");
    assertNotEquals(
        ContentHash.sha256Hex(Files.readAllBytes(dir.resolve("one/predictions.parquet"))),
        ContentHash.sha256Hex(Files.readAllBytes(dir.resolve("two/predictions.parquet"))),
        "the runs wrote their rows differently (else this test shows nothing)");
    assertEquals(numbers(one), numbers(two));
  }

  /** Everything an audit concludes, without when and from which files it ran. */
  private static String numbers(AuditResult r) {
    return DmtlJson.compact(
        List.of(
            r.attributes(),
            r.groups(),
            r.gaps(),
            r.confusionMatrices(),
            r.reliability(),
            r.significance(),
            r.coverage(),
            r.warnings()));
  }
}
