package dev.dmtl.cli;

import dev.dmtl.app.Progress;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.run.RunManifest;
import dev.dmtl.inference.model.DeviceUnavailableException;
import dev.dmtl.pipeline.InferJob;
import dev.dmtl.pipeline.InferRequest;
import dev.dmtl.pipeline.InvalidRunException;
import dev.dmtl.pipeline.RunResult;
import dev.dmtl.pipeline.output.OutputDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code dmtl infer}: predictions for every face in folders, globs, lists and archives, as Parquet.
 */
@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Predict age, gender and race for every face in the inputs.",
      "Writes OUTPUT/predictions.parquet (one row per face), OUTPUT/dead_letters.parquet (every input that "
          + "gave no row, and why) and OUTPUT/manifest.json (counts and provenance), all or nothing.",
    })
final class InferCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Mixin InferSettings settings;

  @Override
  public Integer call()
      throws InvalidRunException,
          ContractViolationException,
          DeviceUnavailableException,
          IOException {
    InferRequest request = request();
    PrintWriter out = spec.commandLine().getOut();
    // everything the user named is checked before the progress display starts
    InferJob.PreparedRun run = InferJob.prepare(request);
    RunResult result;
    try (Progress.Display shown =
        ProgressReporter.of(common, request.flinkMaster(), spec.commandLine().getErr())
            .open("dmtl infer", request.runId())) {
      result = run.execute();
    }
    RunManifest.Counts c = result.manifest().counts();
    out.printf(
        Locale.ROOT,
        "dmtl infer: %d inputs, %d rows, %d dead letters%s in %.1f s (%.1f inputs/s)%n",
        c.inputsSeen(),
        c.rows(),
        c.deadLetters(),
        c.skippedKnown() > 0 ? ", " + c.skippedKnown() + " skipped as known" : "",
        result.manifest().wallSeconds(),
        result.manifest().inputsPerSecond());
    String dir = result.outputDir();
    out.println("  predictions:  " + dir + OutputDirectory.PREDICTIONS);
    out.println("  dead letters: " + dir + OutputDirectory.DEAD_LETTERS);
    out.println("  manifest:     " + dir + OutputDirectory.MANIFEST);
    printDatabase(request, out);
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * With a sink, the line naming the database (without its query string) and the published run's
   * id, which {@code dmtl audit SINK --run ID} takes.
   */
  static void printDatabase(InferRequest request, PrintWriter out) {
    if (request.sink().url() != null) {
      String url = request.sink().url();
      int query = url.indexOf('?');
      out.println(
          "  database:     "
              + (query < 0 ? url : url.substring(0, query))
              + " (run "
              + request.runId()
              + ", published)");
    }
  }

  /** The typed request, with every option value checked; bad values are usage errors. */
  InferRequest request() {
    return settings.request(spec.commandLine());
  }
}
