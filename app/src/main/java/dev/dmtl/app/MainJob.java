package dev.dmtl.app;

import dev.dmtl.audit.compare.DeltaRule;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.inference.model.DeviceUnavailableException;
import dev.dmtl.pipeline.InferJob;
import dev.dmtl.pipeline.InferRequest;
import dev.dmtl.pipeline.InvalidRunException;
import dev.dmtl.pipeline.RunResult;
import dev.dmtl.reports.ReportInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@code dmtl run}, the main job: inference, then the audit of its output folder, then (with a
 * baseline) the comparison against it, then the report, with the model read and validated once.
 * OUTPUT holds the Parquet files and the manifest, OUTPUT/{@value #AUDIT_DIR} the audit,
 * OUTPUT/{@value #CHANGES_DIR} the comparison, OUTPUT/{@value #REPORT_DIR} the report.
 */
public final class MainJob {

  public static final String AUDIT_DIR = "audit";
  public static final String REPORT_DIR = "report";
  public static final String CHANGES_DIR = "changes";

  /**
   * {@code --baseline}: an earlier run this one is compared against.
   *
   * @param predictions the baseline's run folder or prediction files
   * @param rules the {@code delta(...)} gates
   */
  public record Baseline(Path predictions, List<DeltaRule> rules) {
    public Baseline {
      Objects.requireNonNull(predictions, "predictions");
      rules = List.copyOf(rules);
    }
  }

  /**
   * @param infer the inference run
   * @param audit the audit's options (labels joined at inference are its ground truth)
   * @param examples worst-error crops per task in the report, 0 for none
   * @param baseline the run to compare against, or null for none
   */
  public record Request(InferRequest infer, AuditOptions audit, int examples, Baseline baseline) {

    /** Without a baseline. */
    public Request(InferRequest infer, AuditOptions audit, int examples) {
      this(infer, audit, examples, null);
    }

    public Request {
      Objects.requireNonNull(infer, "infer");
      Objects.requireNonNull(audit, "audit");
      if (examples < 0) {
        throw new IllegalArgumentException("--include-examples must be 0 or more, got " + examples);
      }
    }
  }

  /**
   * The job's outcome. When the inference gave no row at all, there is nothing to audit: the audit
   * and the report are then null.
   *
   * @param inference the run's manifest and folder
   * @param audit the audit, or null
   * @param report the report, or null
   * @param changes the comparison against the baseline, or null without one (or without rows)
   */
  public record Outcome(
      RunResult inference,
      AuditStep.Outcome audit,
      ReportStep.Outcome report,
      CompareStep.Outcome changes) {
    public boolean audited() {
      return audit != null;
    }
  }

  private final AuditStep audits;
  private final ReportStep reports;
  private final CompareStep comparisons;

  public MainJob(AuditStep audits, ReportStep reports, CompareStep comparisons) {
    this.audits = Objects.requireNonNull(audits, "audits");
    this.reports = Objects.requireNonNull(reports, "reports");
    this.comparisons = Objects.requireNonNull(comparisons, "comparisons");
  }

  /**
   * @throws InvalidRunException when an input, the output folder, the labels or the model location
   *     is unusable
   * @throws ContractViolationException when the model breaks the contract
   * @throws DeviceUnavailableException when the device cannot be used
   * @throws IllegalArgumentException when the audit options do not fit these predictions
   */
  public Outcome run(Request request, Progress progress)
      throws InvalidRunException,
          ContractViolationException,
          DeviceUnavailableException,
          IOException,
          BadInputException,
          ReportInputException {
    InferJob.PreparedRun prepared = InferJob.prepare(request.infer());
    try {
      AuditStep.checkAttributes(
          request.audit(),
          prepared.model().contract().tasks().stream().map(t -> t.name()).toList());
    } catch (BadInputException | IOException | RuntimeException e) {
      prepared.abandon(e);
      throw e;
    }
    RunResult inferred;
    try (Progress.Display shown = progress.open("dmtl run", request.infer().runId())) {
      inferred = prepared.execute();
    }
    if (inferred.manifest().counts().rows() == 0) {
      return new Outcome(inferred, null, null, null);
    }
    Path outputDir = Path.of(inferred.outputDir());
    AuditStep.Outcome audit =
        audits.run(
            new AuditStep.Request(
                List.of(outputDir), request.audit(), outputDir.resolve(AUDIT_DIR), true));
    // compared before the report is written, so that the report shows what changed
    CompareStep.Outcome changes =
        request.baseline() == null
            ? null
            : comparisons.run(
                new CompareStep.Request(
                    request.baseline().predictions(),
                    outputDir,
                    request.audit().withFailRules(List.of()),
                    request.baseline().rules(),
                    outputDir.resolve(CHANGES_DIR),
                    false));
    ReportStep.Outcome report =
        reports.run(
            new ReportStep.Request(
                audit.result(),
                audit.json(),
                prepared.model(),
                request.infer().model(),
                outputDir.resolve(REPORT_DIR),
                request.examples(),
                List.of(),
                changes == null ? null : changes.result()));
    return new Outcome(inferred, audit, report, changes);
  }
}
