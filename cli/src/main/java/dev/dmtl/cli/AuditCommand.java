package dev.dmtl.cli;

import dev.dmtl.app.AuditStep;
import dev.dmtl.app.BadInputException;
import dev.dmtl.app.DatabaseRows;
import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.GapKind;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.GapResult;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.audit.result.RuleOutcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dmtl audit}: the fairness audit of prediction files (docs/AUDIT_SCHEMA.md). Writes {@code
 * audit.json} and one CSV per table into {@code --out}, prints a short summary, and exits with
 * {@value ExitCodes#RULE_VIOLATED} when a {@code --fail-on} rule is violated.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Fairness audit of face-attribute predictions: metrics per group (gender, race, age group and every "
          + "intersection) with bootstrap confidence intervals, fairness gaps, confusion matrices, coverage.",
      "Writes audit.json (docs/AUDIT_SCHEMA.md) and CSV tables into --out."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the audit ran; no --fail-on rule was violated",
      "1:the audit could not run (internal error)",
      "2:usage error: bad option, or inputs/rules that do not fit (e.g. a rule that matches nothing)",
      "3:bad input: an input file that does not exist or is not a prediction or dead-letter Parquet file",
      "4:at least one --fail-on rule was violated (the audit files are still written)"
    })
public final class AuditCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "INPUT",
      description =
          "Prediction and dead-letter Parquet files written by `dmtl infer`, or folders holding them; "
              + "files are told apart by their columns. Or one results database, "
              + "jdbc:postgresql://HOST:PORT/DB or duckdb:FILE.duckdb, with --run or --where.")
  List<String> inputs;

  @Option(
      names = "--run",
      paramLabel = "RUN_ID",
      description = "With a database input: audit this published run.")
  String run;

  @Option(
      names = "--where",
      paramLabel = "PREDICATE",
      description =
          "With a database input: audit the published rows this SQL predicate selects, over run_id, "
              + "model_sha256, run_started, run_finished, input, source, entry, relative_path, "
              + "image_sha256 (read-only; one model). E.g. \"source LIKE '/archive/site-a/%%'\".")
  String where;

  @Option(
      names = "--sink-password-file",
      paramLabel = "FILE",
      description = "With a database input: a file whose first line is its password.")
  String passwordFile;

  @Option(
      names = {"-o", "--out", "--output"},
      defaultValue = "audit",
      paramLabel = "DIR",
      description = "Output folder for audit.json and the CSV tables (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--labels",
      defaultValue = "columns",
      paramLabel = "SOURCE",
      description =
          "Where ground truth comes from: columns (label_* columns) or utkface-names (UTKFace file names "
              + "of source/entry; gives per-group coverage of dead letters too). Default: ${DEFAULT-VALUE}.")
  String labels;

  @Option(
      names = "--mode",
      defaultValue = "auto",
      paramLabel = "MODE",
      description =
          "auto, labelled, or label-free (predicted mix and confidence only; NOT an accuracy audit). "
              + "Default: ${DEFAULT-VALUE}.")
  String mode;

  @Mixin AuditSettings settings;

  @Option(names = "--pretty", description = "Indent audit.json.")
  boolean pretty;

  @Override
  public Integer call() throws IOException, BadInputException {
    AuditStep.Request request =
        new AuditStep.Request(
            inputFiles(), settings.options(spec.commandLine(), labels, mode), out, pretty);
    AuditStep.Outcome outcome;
    try {
      outcome = new AuditStep(Clock.systemUTC()).run(request);
    } catch (IllegalArgumentException e) {
      // inputs or rules that do not fit the options: a usage problem, said in one line
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    summarize(outcome, spec.commandLine().getOut());
    return outcome.result().failed() ? ExitCodes.RULE_VIOLATED : ExitCodes.OK;
  }

  /**
   * The Parquet files to audit: the inputs as given, or the rows a database input selects, written
   * back as Parquet into {@code OUT/from-database} (the record of what was audited).
   */
  private List<Path> inputFiles() throws IOException, BadInputException {
    boolean database =
        inputs.size() == 1
            && (inputs.get(0).startsWith("jdbc:") || inputs.get(0).startsWith("duckdb:"));
    if (!database) {
      if (run != null || where != null || passwordFile != null) {
        throw new ParameterException(
            spec.commandLine(),
            "--run, --where and --sink-password-file need a database input (jdbc:postgresql://… or"
                + " duckdb:FILE)");
      }
      return inputs.stream().map(Path::of).toList();
    }
    DatabaseRows.Selection selection;
    try {
      selection = new DatabaseRows.Selection(inputs.get(0), passwordFile, run, where);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    return DatabaseRows.export(selection, out.resolve("from-database"));
  }

  static void summarize(AuditStep.Outcome outcome, PrintWriter w) {
    AuditResult r = outcome.result();
    if (r.notice() != null) {
      w.println("NOTE: " + r.notice());
    }
    w.printf(
        Locale.ROOT,
        "%s audit of %,d face rows (%s), %,d groups, %,d gaps%n",
        r.mode().jsonName(),
        r.overall().n(),
        String.join(", ", r.tasks().stream().map(t -> t.name()).toList()),
        r.groups().size(),
        r.gaps().size());
    if (r.mode() == AuditMode.LABELLED) {
      for (MetricResult m : r.overall().metrics()) {
        String metric = m.key().metric().jsonName();
        if (List.of("accuracy", "macro_f1", "mae", "ece", "threshold_ece").contains(metric)) {
          w.printf(
              Locale.ROOT,
              "  %-28s %s%n",
              m.key().id(),
              estimate(m.value(), m.estimate().lower(), m.estimate().upper()));
        }
      }
      // the largest accuracy / MAE gap of each task over single attributes: where to look first
      r.gaps().stream()
          .filter(
              g ->
                  g.kind() == GapKind.DIFFERENCE
                      && g.grouping().order() == 1
                      && g.metric() != null
                      && List.of("accuracy", "mae").contains(g.metric().metric().jsonName())
                      && !g.estimate().isNaN())
          .sorted(Comparator.comparing(GapResult::id))
          .forEach(
              g ->
                  w.printf(
                      Locale.ROOT,
                      "  %-28s %s  (%s vs %s)%n",
                      g.id(),
                      estimate(g.value(), g.estimate().lower(), g.estimate().upper()),
                      g.minGroup().id(),
                      g.maxGroup().id()));
    }
    if (r.attributeFile() != null) {
      var f = r.attributeFile();
      w.printf(
          Locale.ROOT,
          "  attributes from %s: %s; %,d of %,d inputs have a row%n",
          f.path(),
          String.join(
              ", ",
              r.attributes().stream()
                  .filter(a -> a.task() == null)
                  .map(a -> a.name() + " (" + a.values().size() + " groups)")
                  .toList()),
          f.inputs() - f.inputsWithoutRow(),
          f.inputs());
    }
    if (r.significance() != null && r.significance().tested() > 0) {
      w.printf(
          Locale.ROOT,
          "  significance: %,d of %,d group differences flagged (%s, at %.2f)%n",
          r.significance().flagged(),
          r.significance().tested(),
          r.significance().correction().description(),
          r.significance().alpha());
    }
    var cov = r.coverage().overall();
    w.printf(
        Locale.ROOT,
        "  coverage: %,d of %,d inputs gave a prediction (%,d without a face, %,d failed)%n",
        cov.withPrediction(),
        cov.inputs(),
        cov.noFace(),
        cov.failed());
    for (String warning : r.warnings()) {
      w.println("  warning: " + warning);
    }
    long violated =
        r.ruleOutcomes().stream().filter(o -> o.status() == RuleOutcome.Status.VIOLATED).count();
    for (RuleOutcome o : r.ruleOutcomes()) {
      if (o.status() == RuleOutcome.Status.VIOLATED) {
        w.printf(
            Locale.ROOT, "  VIOLATED %s: %s = %.4f%n", o.rule().text(), o.subject(), o.observed());
      }
    }
    if (!r.ruleOutcomes().isEmpty()) {
      long notEvaluable =
          r.ruleOutcomes().stream()
              .filter(o -> o.status() == RuleOutcome.Status.NOT_EVALUABLE)
              .count();
      w.printf(
          Locale.ROOT,
          "  rules: %d checks, %d violated, %d not evaluable (too few rows)%n",
          r.ruleOutcomes().size(),
          violated,
          notEvaluable);
    }
    w.println(
        "wrote "
            + outcome.json()
            + " and "
            + outcome.csv().size()
            + " CSV files in "
            + outcome.json().getParent());
    w.flush();
  }

  private static String estimate(double v, double lo, double hi) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return Double.isNaN(lo)
        ? String.format(Locale.ROOT, "%.4f", v)
        : String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", v, lo, hi);
  }
}
