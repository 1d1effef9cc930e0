package dev.dmtl.cli;

import dev.dmtl.app.BadInputException;
import dev.dmtl.app.CompareStep;
import dev.dmtl.audit.compare.ComparisonResult;
import dev.dmtl.audit.compare.DeltaRule;
import dev.dmtl.audit.compare.Overlap;
import dev.dmtl.audit.compare.Verdict;
import dev.dmtl.audit.config.AttributeOptions;
import dev.dmtl.audit.config.AuditOptions;
import dev.dmtl.audit.config.BinRule;
import dev.dmtl.audit.config.LabelOrigin;
import dev.dmtl.audit.groups.AgeBins;
import dev.dmtl.audit.result.Estimate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dmtl compare}: a candidate model against a baseline over the faces both were run on, with
 * paired bootstrap intervals for every change (docs/COMPARE.md). Writes {@code changes.json} and
 * {@code changes.csv}, prints the overlap and the measurable changes, and exits with {@value
 * ExitCodes#RULE_VIOLATED} when a {@code --fail-on} gate is violated.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Paired comparison of two models over the same faces: every metric and fairness gap of both, and"
          + " the change candidate - baseline with a paired bootstrap interval (the same images resampled"
          + " for both models).",
      "Writes changes.json and changes.csv into --out (docs/COMPARE.md)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:compared; no --fail-on gate was violated",
      "1:the comparison could not run (internal error)",
      "2:usage error: bad option, or a rule that matches no change",
      "3:bad input: a side without prediction files, no face in common, different tasks or ground truth",
      "4:at least one --fail-on gate was violated (the files are still written)"
    })
public final class CompareCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "BASELINE",
      description =
          "The baseline's run folder, prediction Parquet file, or an audit JSON (it stands for the"
              + " prediction files it read).")
  Path baseline;

  @Parameters(
      index = "1",
      paramLabel = "CANDIDATE",
      description =
          "The candidate's run folder, prediction Parquet file, or an audit JSON (it stands for the"
              + " prediction files it read).")
  Path candidate;

  @Option(
      names = {"-o", "--out", "--output"},
      defaultValue = "compare",
      paramLabel = "DIR",
      description = "Output folder for changes.json and changes.csv (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--labels",
      defaultValue = "columns",
      paramLabel = "SOURCE",
      description =
          "Where ground truth comes from: columns (label_* columns) or utkface-names. Default: ${DEFAULT-VALUE}.")
  String labels;

  @Option(
      names = "--age-bins",
      defaultValue = "fairface",
      paramLabel = "BINS",
      description = "Age groups, as dmtl audit's --age-bins. Default: ${DEFAULT-VALUE}.")
  String ageBins;

  @Option(
      names = "--min-group-size",
      defaultValue = "30",
      paramLabel = "N",
      description =
          "Groups with fewer labelled faces in either model are not compared. Default: ${DEFAULT-VALUE}.")
  int minGroupSize;

  @Option(
      names = "--max-intersection",
      defaultValue = "3",
      paramLabel = "K",
      description = "Intersect at most K attributes. Default: ${DEFAULT-VALUE}.")
  int maxIntersection;

  @Option(
      names = "--attributes",
      paramLabel = "FILE.csv",
      description =
          "Attributes to group by besides the tasks' true labels, as dmtl audit's --attributes"
              + " (keyed by path or image_sha256).")
  Path attributes;

  @Option(
      names = "--bins",
      paramLabel = "COLUMN=CUTS|qN",
      description =
          "How a numeric attribute column becomes groups, as dmtl audit's --bins (quantiles over the"
              + " shared faces). Repeatable.")
  List<String> bins = new ArrayList<>();

  @Option(
      names = "--resamples",
      defaultValue = "1000",
      paramLabel = "N",
      description =
          "Paired bootstrap resamples; 0 turns the intervals (and the verdicts) off. Default: ${DEFAULT-VALUE}.")
  int resamples;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "SEED",
      description = "Bootstrap seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--confidence",
      defaultValue = "0.95",
      paramLabel = "LEVEL",
      description = "Confidence level of all intervals. Default: ${DEFAULT-VALUE}.")
  double confidence;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Bootstrap threads (results do not depend on it). Default: available processors.")
  Integer threads;

  @Option(
      names = "--fail-on",
      paramLabel = "RULE",
      description =
          "Exit with code 4 when the candidate is measurably worse beyond a threshold, e.g. "
              + "\"delta(race.accuracy.gap@gender)>0.01\", \"delta(gender.accuracy)<-0.02\" (repeatable;"
              + " docs/COMPARE.md).")
  List<String> failOn = new ArrayList<>();

  @Option(names = "--pretty", description = "Indent changes.json.")
  boolean pretty;

  @Override
  public Integer call() throws IOException, BadInputException {
    CompareStep.Outcome outcome;
    try {
      CompareStep.Request request =
          new CompareStep.Request(
              baseline,
              candidate,
              options(),
              failOn.stream().map(DeltaRule::parse).toList(),
              out,
              pretty);
      outcome = new CompareStep(Clock.systemUTC()).run(request);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    summarize(outcome, spec.commandLine().getOut());
    return outcome.result().failed() ? ExitCodes.RULE_VIOLATED : ExitCodes.OK;
  }

  private AuditOptions options() {
    AuditOptions o =
        AuditOptions.defaults()
            .withAgeBins(AgeBins.parse(ageBins))
            .withLabelSource(LabelOrigin.parse(labels))
            .withMinGroupSize(minGroupSize)
            .withMaxIntersection(maxIntersection)
            .withResamples(resamples)
            .withSeed(seed)
            .withConfidenceLevel(confidence);
    if (!bins.isEmpty() && attributes == null) {
      throw new IllegalArgumentException("--bins needs --attributes FILE.csv");
    }
    if (attributes != null) {
      o =
          o.withAttributes(
              new AttributeOptions(
                  attributes.toString(), bins.stream().map(BinRule::parse).toList()));
    }
    return threads == null ? o : o.withThreads(threads);
  }

  static void summarize(CompareStep.Outcome outcome, PrintWriter w) {
    ComparisonResult r = outcome.result();
    Overlap o = r.overlap();
    w.printf(
        Locale.ROOT,
        "compared %,d faces in both runs (%,d only in the baseline, %,d only in the candidate)%n",
        o.both(),
        o.onlyBaseline(),
        o.onlyCandidate());
    ComparisonResult.Summary s = r.summary();
    w.printf(
        Locale.ROOT,
        "  %,d improved, %,d worse, %,d changed, %,d no measurable change, %,d not evaluable%n",
        s.improved(),
        s.worse(),
        s.changed(),
        s.noMeasurableChange(),
        s.notEvaluable());
    // the headline changes (as dmtl audit's summary): overall values and single-attribute gaps
    // (max - min) that measurably moved; every change is in the files
    Stream.concat(
            r.headlineMetrics().stream()
                .filter(m -> measurable(m.verdict()))
                .map(m -> line(m.id(), m.baseline(), m.candidate(), m.delta(), m.verdict())),
            r.headlineGaps().stream()
                .filter(g -> measurable(g.verdict()))
                .map(g -> line(g.id(), g.baseline(), g.candidate(), g.delta(), g.verdict())))
        .forEach(w::println);
    for (String warning : r.warnings()) {
      w.println("  warning: " + warning);
    }
    r.ruleOutcomes().stream()
        .filter(x -> x.status() == DeltaRule.Status.VIOLATED)
        .forEach(
            x ->
                w.printf(
                    Locale.ROOT,
                    "  VIOLATED %s: %s changed by %+.4f%n",
                    x.rule().text(),
                    x.subject(),
                    x.observed()));
    w.println(
        "wrote " + String.join(" and ", outcome.files().stream().map(Path::toString).toList()));
    w.flush();
  }

  private static boolean measurable(Verdict v) {
    return v == Verdict.IMPROVED || v == Verdict.WORSE;
  }

  private static String line(
      String id, Estimate baseline, Estimate candidate, Estimate delta, Verdict verdict) {
    return String.format(
        Locale.ROOT,
        "  %-7s %-34s %.4f -> %.4f  %+.4f [%+.4f, %+.4f]",
        verdict == Verdict.IMPROVED ? "better" : "WORSE",
        id,
        baseline.value(),
        candidate.value(),
        delta.value(),
        delta.lower(),
        delta.upper());
  }
}
