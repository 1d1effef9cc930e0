package dev.dmtl.cli;

import dev.dmtl.inference.batch.BatchSize;
import dev.dmtl.inference.model.Device;
import dev.dmtl.pipeline.RunnerKind;
import picocli.CommandLine.Option;

/**
 * Where and how inference runs (runner, cluster, workers, device, batch), as a picocli mixin shared
 * by every command that runs the pipeline ({@code infer}, {@code run}, {@code evaluate}), so the
 * options are spelled, defaulted and checked the same everywhere. Values are checked where the
 * typed request is built.
 */
final class ExecutionSettings {

  static {
    System.setProperty("dmtl.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
  }

  @Option(
      names = "--runner",
      paramLabel = "flink|direct",
      defaultValue = "flink",
      description =
          "Beam runner: flink (embedded, or a cluster with --flink-master) or direct. Default: ${DEFAULT-VALUE}.")
  String runner;

  @Option(
      names = "--flink-master",
      paramLabel = "HOST:PORT",
      description = "Submit to a running Flink cluster.")
  String flinkMaster;

  @Option(
      names = {"-p", "--parallelism"},
      paramLabel = "N",
      description = "Worker threads. Default: the number of cores (${sys:dmtl.cores}).")
  Integer parallelism;

  @Option(
      names = "--device",
      paramLabel = "cpu|gpu",
      defaultValue = "cpu",
      description =
          "Where the model runs; gpu needs the -Pgpu build and CUDA 12 + cuDNN 9. Default: ${DEFAULT-VALUE}.")
  String device;

  @Option(
      names = {"-b", "--batch-size"},
      paramLabel = "N",
      defaultValue = "32",
      description = "Faces per model call. Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(
      names = "--intra-op-threads",
      paramLabel = "N",
      defaultValue = "1",
      description = "ONNX Runtime threads inside one model call. Default: ${DEFAULT-VALUE}.")
  int intraOpThreads;

  RunnerKind runner() {
    return RunnerKind.parse(runner);
  }

  Device device() {
    return Device.parse(device);
  }

  BatchSize batchSize() {
    return new BatchSize(batchSize);
  }

  int parallelism() {
    return parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
  }
}
