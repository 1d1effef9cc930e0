package dev.dmtl.cli;

import dev.dmtl.contract.ToolVersion;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.training.RunFolder;
import dev.dmtl.training.export.ModelExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dmtl export}: a training run's checkpoint → an ONNX model that meets the contract
 * (docs/MODEL_CONTRACT.md), with the learned log-variances, the face template and provenance.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Export a checkpoint of a training run as a DMTL ONNX model (opset 17, dynamic batch, BatchNorm folded) "
          + "with the contract metadata: tasks and labels, learned log-variances, face template and provenance "
          + "(data fingerprint, config, seed, per-epoch history, held-out metrics).",
      "The file is validated against the model contract before it is written.",
    })
final class ExportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--run",
      required = true,
      paramLabel = "DIR",
      description = "A run folder written by dmtl train.")
  Path run;

  @Option(
      names = "--checkpoint",
      defaultValue = "best",
      paramLabel = "best|last|FILE",
      description =
          "Which checkpoint: best (best validation score), last, or a file. Default: ${DEFAULT-VALUE}.")
  String checkpoint;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "MODEL.onnx",
      description = "The model file to write.")
  Path output;

  @Option(
      names = "--face-template",
      paramLabel = "FILE",
      description =
          "Five-landmark face template of the training crops ({\"size\":[w,h],\"points\":[[x,y]×5]}), "
              + "needed by --faces detect; for UTKFace crops: docs/face-template-utkface.json.")
  Path faceTemplate;

  @Option(
      names = "--flip",
      description =
          "Average each prediction with that of the mirrored face, inside the graph "
              + "(test-time augmentation; about twice the compute).")
  boolean flip;

  @Option(
      names = "--held-out-metrics",
      paramLabel = "FILE",
      description =
          "Held-out metrics to embed in the provenance: the evaluation.json written by dmtl evaluate.")
  Path heldOutMetrics;

  @Option(
      names = "--code-version",
      paramLabel = "REV",
      description = "Source revision to record, e.g. a git commit.")
  String codeVersion;

  @Override
  public Integer call() throws IOException, ContractViolationException {
    RunFolder folder = new RunFolder(run);
    if (!Files.isRegularFile(folder.config())) {
      throw new NoSuchFileException(folder.config().toString(), null, "not a training run folder");
    }
    Path ckpt =
        switch (checkpoint) {
          case "best" -> folder.bestCheckpoint();
          case "last" -> folder.lastCheckpoint();
          default -> Path.of(checkpoint);
        };
    for (Path required : new Path[] {ckpt, faceTemplate, heldOutMetrics}) {
      if (required != null && !Files.isRegularFile(required)) {
        throw new NoSuchFileException(required.toString(), null, "file not found");
      }
    }
    String metrics = heldOutMetrics == null ? null : Files.readString(heldOutMetrics);
    ModelFile model =
        ModelExport.export(
            new ModelExport.Request(
                run,
                ckpt,
                output,
                faceTemplate,
                flip,
                metrics,
                ToolVersion.version(),
                codeVersion,
                null));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "dmtl export: wrote %s (%.1f MB, sha256 %s)%n",
        output,
        model.sizeBytes() / 1e6,
        model.sha256());
    out.println("  inspect: dmtl inspect " + output);
    out.flush();
    return ExitCodes.OK;
  }
}
