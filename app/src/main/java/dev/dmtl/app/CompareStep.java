package dev.dmtl.app;

import dev.dmtl.audit.AuditInputs;
import dev.dmtl.audit.compare.ChangesFiles;
import dev.dmtl.audit.compare.ComparisonRefusedException;
import dev.dmtl.audit.compare.ComparisonResult;
import dev.dmtl.audit.compare.DeltaRule;
import dev.dmtl.audit.compare.ModelComparison;
import dev.dmtl.audit.config.AuditOptions;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * {@code dmtl compare}: a candidate model's predictions against a baseline's over the faces both
 * have, written as {@code changes.json} and {@code changes.csv} (docs/COMPARE.md).
 */
public final class CompareStep {

  /**
   * @param baseline the baseline's prediction files, a run folder holding them, or an audit JSON
   *     over them
   * @param candidate the candidate's
   * @param options the audit options both sides are audited with
   * @param rules the regression gates
   * @param outDir where the files go (created)
   * @param pretty indent the JSON
   */
  public record Request(
      Path baseline,
      Path candidate,
      AuditOptions options,
      List<DeltaRule> rules,
      Path outDir,
      boolean pretty) {
    public Request {
      Objects.requireNonNull(baseline, "baseline");
      Objects.requireNonNull(candidate, "candidate");
      Objects.requireNonNull(options, "options");
      rules = List.copyOf(rules);
      Objects.requireNonNull(outDir, "outDir");
    }
  }

  /**
   * @param result the comparison
   * @param files {@code changes.json}, {@code changes.csv}
   */
  public record Outcome(ComparisonResult result, List<Path> files) {
    public Outcome {
      files = List.copyOf(files);
    }
  }

  private final Clock clock;

  public CompareStep(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @throws BadInputException when a side has no prediction file, or the two cannot be compared (no
   *     face in common, different tasks or truth)
   * @throws IllegalArgumentException when a rule matches no change
   */
  public Outcome run(Request request) throws BadInputException, IOException {
    List<Path> baseline = predictions(request.baseline(), "baseline");
    List<Path> candidate = predictions(request.candidate(), "candidate");
    ComparisonResult result;
    try {
      result =
          new ModelComparison(request.options(), request.rules(), clock)
              .compare(baseline, candidate);
    } catch (ComparisonRefusedException e) {
      throw new BadInputException(e.getMessage(), e);
    }
    // written only once everything is computed: a refused comparison leaves nothing behind
    return new Outcome(result, ChangesFiles.write(result, request.outDir(), request.pretty()));
  }

  /**
   * Checks, before a run infers anything, that its {@code --baseline} exists and holds prediction
   * files; whether the two overlap and share their tasks is only known after inference.
   *
   * @throws BadInputException when it does not
   */
  public static void checkBaseline(Path baseline) throws BadInputException {
    predictions(baseline, "baseline");
  }

  /**
   * The prediction files of a file or run folder, or those an audit JSON read (dead-letter files
   * are not compared).
   */
  private static List<Path> predictions(Path input, String side) throws BadInputException {
    try {
      if (AuditInputs.isAuditJson(input)) {
        return AuditInputs.recordedIn(input).predictions();
      }
      return AuditInputs.discover(List.of(input)).predictions();
    } catch (NoSuchFileException e) {
      throw new BadInputException(side + " not found: " + e.getFile(), e);
    } catch (IOException | IllegalArgumentException e) {
      throw new BadInputException(side + ": " + e.getMessage(), e);
    }
  }
}
