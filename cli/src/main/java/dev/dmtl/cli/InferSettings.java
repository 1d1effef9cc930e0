package dev.dmtl.cli;

import dev.dmtl.inference.explain.SaliencyMethod;
import dev.dmtl.inference.face.FaceMode;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.model.BundledModel;
import dev.dmtl.pipeline.InferRequest;
import dev.dmtl.pipeline.SinkOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options of an inference run, as a picocli mixin shared by {@code dmtl infer} and {@code dmtl
 * run}, so both accept exactly the same inputs and settings.
 */
final class InferSettings {

  @Parameters(
      paramLabel = "INPUT",
      arity = "0..*",
      description =
          "Image files, folders (read recursively), globs (quote them) and zip/tar/tar.gz archives, "
              + "as local paths.")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--input-list",
      paramLabel = "FILE",
      description =
          "A text file with one input per line (# comments; relative to the file's folder).")
  String inputList;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "DIR",
      description = "Output folder.")
  String output;

  @Option(names = "--overwrite", description = "Replace a previous result in the output folder.")
  boolean overwrite;

  @Option(
      names = {"-m", "--model"},
      paramLabel = "MODEL.onnx",
      description =
          "A DMTL ONNX model (see docs/MODEL_CONTRACT.md). Default: the model bundled with dmtl.")
  String model = BundledModel.SOURCE;

  @Option(
      names = "--spec",
      paramLabel = "SPEC.json",
      description =
          "Describe the model with this spec instead of its dmtl.* metadata (a model that carries"
              + " none, e.g. one exported from another framework; see docs/OWN_MODELS.md). The"
              + " model file is read as it is: its SHA-256 is what the provenance records, next to"
              + " the spec's.")
  String spec;

  @Option(
      names = "--faces",
      paramLabel = "MODE",
      defaultValue = "aligned",
      description =
          "How faces are found: aligned (each image is already an aligned face crop, like UTKFace's) or detect "
              + "(ordinary photos: every face is detected with YuNet and aligned by its five landmarks to the model's face "
              + "template; images without a face become NO_FACE dead letters). Default: ${DEFAULT-VALUE}.")
  String faces;

  @Option(
      names = "--labels",
      paramLabel = "SOURCE",
      description =
          "Ground truth to join: utkface (from file names), FILE.csv (path,age,gender,race), or Adience "
              + "fold_N_data.txt files (comma-separated).")
  String labels;

  @Mixin ExecutionSettings execution;

  @Option(
      names = "--cams",
      description =
          "Also store each face's saliency map per task (a few dozen floats) as Parquet list"
              + " columns, for the audit's group saliency (docs/OUTPUT_SCHEMA.md). How: --cam-method.")
  boolean cams;

  // a separate option rather than an optional value of --cams: "--cams photo.jpg" must not read
  // the input as a method
  @Option(
      names = "--cam-method",
      paramLabel = "METHOD",
      description =
          "With --cams: cam (default) for the model's exact class activation maps, refused when"
              + " the model declares no feature maps; occlusion for occlusion sensitivity on a 7x7"
              + " grid, for any model, about 40 times slower than inference.")
  String camMethod;

  @Option(
      names = "--sink",
      paramLabel = "URL",
      description =
          "Also write the results into a PostgreSQL database, jdbc:postgresql://HOST:PORT/DB (schema "
              + "dmtl, created and migrated on first use; docs/DATABASE.md). User from the URL's user= "
              + "or PGUSER, password from --sink-password-file, PGPASSWORD or ~/.pgpass: never in the URL. "
              + "Without a server: a DuckDB file, duckdb:FILE.duckdb (one process at a time; not on a "
              + "Flink cluster).")
  String sink;

  @Option(
      names = "--sink-password-file",
      paramLabel = "FILE",
      description = "A file whose first line is the --sink database password.")
  String sinkPasswordFile;

  @Option(
      names = "--skip-known",
      description =
          "Do not decode or infer inputs whose image SHA-256 already has a published row or dead "
              + "letter for the same model (in --sink, or in the --previous folders); they are counted "
              + "as skipped_known. A changed file under an old name is inferred again.")
  boolean skipKnown;

  @Option(
      names = "--previous",
      paramLabel = "DIR",
      description =
          "With --skip-known and no database: an earlier output folder whose images count as known "
              + "(repeatable).")
  List<String> previous = new ArrayList<>();

  @Option(
      names = "--max-pixels",
      paramLabel = "N",
      defaultValue = "" + DecodeLimits.DEFAULT_MAX_PIXELS,
      description =
          "Largest image accepted, in pixels, checked before decoding. Default: ${DEFAULT-VALUE}.")
  long maxPixels;

  @Option(
      names = "--max-file-bytes",
      paramLabel = "N",
      defaultValue = "" + DecodeLimits.DEFAULT_MAX_FILE_BYTES,
      description = "Largest file or archive entry accepted, in bytes. Default: ${DEFAULT-VALUE}.")
  long maxFileBytes;

  @Option(
      names = "--face-score",
      paramLabel = "S",
      defaultValue = "" + DetectorOptions.DEFAULT_SCORE_THRESHOLD,
      description = "Detect mode: minimum face score in (0, 1]. Default: ${DEFAULT-VALUE}.")
  double faceScore;

  @Option(
      names = "--face-nms-iou",
      paramLabel = "IOU",
      defaultValue = "" + DetectorOptions.DEFAULT_NMS_IOU,
      description =
          "Detect mode: boxes overlapping more than this are one face. Default: ${DEFAULT-VALUE}.")
  double faceNmsIou;

  @Option(
      names = "--min-face",
      paramLabel = "PX",
      defaultValue = "" + DetectorOptions.DEFAULT_MIN_FACE_SIZE,
      description =
          "Detect mode: smallest face kept, in pixels of the photo. Default: ${DEFAULT-VALUE}.")
  double minFace;

  @Option(
      names = "--max-faces",
      paramLabel = "N",
      defaultValue = "" + DetectorOptions.DEFAULT_TOP_K,
      description =
          "Detect mode: at most N faces per image (the best-scoring). Default: ${DEFAULT-VALUE}.")
  int maxFaces;

  @Option(
      names = "--detect-size",
      paramLabel = "PX",
      defaultValue = "" + DetectorOptions.DEFAULT_MAX_SIDE,
      description =
          "Detect mode: photos are scaled down to this longer side for detection (alignment uses the "
              + "full-resolution photo). Default: ${DEFAULT-VALUE}.")
  int detectSize;

  /**
   * The detector settings; detect mode only, but checked in every mode so a typo is never silently
   * ignored.
   */
  DetectorOptions detector() {
    return new DetectorOptions(
        faceScore, faceNmsIou, maxFaces, minFace, detectSize, DetectorOptions.DEFAULT_THREADS);
  }

  /** The maps {@code --cams} asks for, or null. */
  private SaliencyMethod cams() {
    if (!cams) {
      if (camMethod != null) {
        throw new IllegalArgumentException("--cam-method needs --cams");
      }
      return null;
    }
    return SaliencyMethod.of(
        camMethod == null ? SaliencyMethod.CLASS_ACTIVATION.jsonName() : camMethod);
  }

  /**
   * The typed request, with every option value checked; bad values are usage errors of {@code cli}.
   */
  InferRequest request(CommandLine cli) {
    if (inputs.isEmpty() && inputList == null) {
      throw new CommandLine.ParameterException(
          cli, "no input: name at least one INPUT or --input-list FILE");
    }
    try {
      return new InferRequest(
          inputs,
          inputList,
          output,
          overwrite,
          model,
          FaceMode.parse(faces),
          detector(),
          execution.batchSize(),
          execution.device(),
          labels,
          new DecodeLimits(maxPixels, maxFileBytes),
          execution.runner(),
          execution.flinkMaster,
          execution.parallelism(),
          execution.intraOpThreads,
          InferRequest.newRunId(),
          spec,
          new SinkOptions(sink, sinkPasswordFile, skipKnown, previous),
          cams());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cli, e.getMessage(), e);
    }
  }
}
