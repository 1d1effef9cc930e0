package dev.dmtl.reports.testing;

import dev.dmtl.audit.AuditInputs;
import dev.dmtl.audit.Auditor;
import dev.dmtl.audit.config.AttributeOptions;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.config.BinRule;
import dev.dmtl.audit.config.Correction;
import dev.dmtl.audit.config.FailRule;
import dev.dmtl.audit.config.LabelOrigin;
import dev.dmtl.audit.config.ModeChoice;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.parquet.testing.SyntheticRun;
import dev.dmtl.reports.ReportWriter;
import dev.dmtl.reports.examples.FileExampleImages;
import dev.dmtl.reports.input.Example;
import dev.dmtl.reports.input.ReportInput;
import dev.dmtl.reports.input.ReportRun;
import dev.dmtl.testdata.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A report as a user gets it: a synthetic 6,000-image run with an attribute file (capture site,
 * light level) audited by the real audit engine (UTKFace names, 200 bootstrap resamples, Holm
 * correction, three fail rules, intersections of two attributes), the trained model with its
 * history, and worst- error examples cropped from the bundled UTKFace sample.
 */
public final class RealisticReport {

  public static final Instant AUDITED = Instant.parse("2025-11-21T08:00:00Z");
  public static final Instant WRITTEN = Instant.parse("2025-11-21T08:05:00Z");

  private RealisticReport() {}

  public static AuditResult audit(Path dir) throws IOException {
    return audit(dir, ModeChoice.AUTO);
  }

  /**
   * The same run audited in {@code mode}; {@link ModeChoice#LABEL_FREE} ignores the labels the run
   * has, as an audit of unlabelled photos would.
   */
  public static AuditResult audit(Path dir, ModeChoice mode) throws IOException {
    SyntheticRun.Files files =
        SyntheticRun.write(dir, SyntheticRun.Options.withAttributes(6000, 20251121L));
    AuditOptions options =
        AuditOptions.defaults()
            .withLabelSource(LabelOrigin.UTKFACE_NAMES)
            .withMode(mode)
            .withResamples(200)
            .withThreads(2)
            // site (8 values and unknown) and lux (5 quantile bins and unknown) from the file;
            // pairs only, so that the report stays readable with five attributes
            .withAttributes(
                new AttributeOptions(
                    files.attributes().toString(), List.of(BinRule.parse("lux=q5"))))
            .withMaxIntersection(2)
            .withCorrection(Correction.HOLM)
            // the rules are on accuracy and error, which a label-free audit cannot measure
            .withFailRules(
                mode == ModeChoice.LABEL_FREE
                    ? List.of()
                    : List.of(
                        FailRule.parse("gender.accuracy.gap@race>0.05"),
                        FailRule.parse("race.accuracy.ratio@race<0.8"),
                        FailRule.parse("age.mae.gap@gender>1")));
    return new Auditor(options, Clock.fixed(AUDITED, ZoneOffset.UTC))
        .audit(new AuditInputs(List.of(files.predictions()), List.of(files.deadLetters())));
  }

  /** The input of the realistic report, with {@code examples} examples per task (0: none). */
  public static ReportInput input(Path dir, int examples) throws IOException {
    return input(dir, examples, ModeChoice.AUTO);
  }

  /** The input of the realistic report audited in {@code mode}. */
  public static ReportInput input(Path dir, int examples, ModeChoice mode) throws IOException {
    AuditResult audit = audit(dir, mode);
    ReportRun run =
        new ReportRun(
            "0.1.0-SNAPSHOT",
            WRITTEN,
            dir.resolve("audit.json").toString(),
            "models/dmtl-utkface-96.onnx",
            examples);
    ReportInput in = new ReportInput(audit, ModelFixture.trained(), List.of(), run);
    if (examples > 0) {
      Path sample = SyntheticRun.writeSample(dir, TestData.utkfaceSample(), 7L);
      List<Example> ex =
          ReportWriter.examples(audit, List.of(sample), examples, new FileExampleImages());
      in = in.withExamples(ex);
    }
    return in;
  }
}
