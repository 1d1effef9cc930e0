package dev.dmtl.tools.detect;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.dmtl.contract.decode.OutputDecoder;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.ModelContractReader;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.face.FaceCrop;
import dev.dmtl.inference.face.FaceExtractionException;
import dev.dmtl.inference.face.detect.CropResizer;
import dev.dmtl.inference.face.detect.DetectAndAlign;
import dev.dmtl.inference.face.detect.DetectorOptions;
import dev.dmtl.inference.face.detect.YuNetDetector;
import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.inference.model.OrtEnvironments;
import dev.dmtl.tools.ExitCodes;
import dev.dmtl.tools.InputPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Alignment faithfulness with a trained DMTL model (issue 3 "Measure"): every crop of a folder of
 * already-aligned faces (e.g. UTKFace) goes through the model twice, once as the aligned mode feeds
 * it (the whole crop resized to the model input) and once as detect mode does (detect, align the
 * top face to the model's {@code dmtl.face_template}, resize). Reports, per nominal task, how often
 * the two predicted labels agree, and per ordinal task the mean |difference| of the expected rank
 * and of the Eq. 6 rank. Targets: gender agreement &gt;= 95 %, mean |age difference| &lt;= 2 years.
 *
 * <p>Both paths resize with the same {@link CropResizer} (bilinear); if the pipeline's aligned mode
 * resizes differently, the pipeline run (both {@code --faces} modes over the same crops) is the
 * authoritative measurement and this tool the quick one. Runs the model with ONNX Runtime directly,
 * independent of the pipeline's predictor.
 *
 * <p>Usage: {@code dmtl-tools alignment-faithfulness MODEL.onnx CROP_DIR [MAX_CROPS]}, e.g. {@code
 * runs/model.onnx testdata/utkface-sample}.
 */
@Command(
    name = "alignment-faithfulness",
    aliases =
        "AlignmentFaithfulness", // the name docs/BENCHMARKS.md, docs/MODEL_CARD.md and older notes
    // use
    mixinStandardHelpOptions = true,
    description =
        "Runs a model on each crop as aligned mode and as detect mode feed it; prints label agreement and "
            + "mean rank differences per task.")
public final class AlignmentFaithfulness implements Callable<Integer> {

  /**
   * Per-task comparison. For nominal tasks only {@code agreement}; for ordinal tasks the two mean
   * differences.
   */
  public record TaskComparison(
      String task,
      TaskKind kind,
      double agreement,
      double meanAbsExpectedDiff,
      double meanAbsRankDiff) {}

  /**
   * @param crops crops examined
   * @param noFace crops where detect mode found no face (excluded from the comparisons)
   * @param tasks one comparison per model task, in contract order
   */
  public record Result(int crops, int noFace, List<TaskComparison> tasks) {}

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "MODEL.onnx",
      description = "A DMTL model with a dmtl.face_template.")
  Path model;

  @Parameters(
      index = "1",
      paramLabel = "CROP_DIR",
      description = "Aligned crops (*.jpg), e.g. testdata/utkface-sample.")
  Path cropDir;

  @Parameters(
      index = "2",
      arity = "0..1",
      paramLabel = "MAX_CROPS",
      description = "At most this many crops. Default: all.")
  int max = Integer.MAX_VALUE;

  @Override
  public Integer call() throws Exception {
    InputPaths.file(model, "a DMTL ONNX model");
    List<Path> crops;
    try (Stream<Path> files = Files.list(InputPaths.directory(cropDir, "aligned face crops"))) {
      crops =
          files
              .filter(p -> p.getFileName().toString().endsWith(".jpg"))
              .sorted()
              .limit(max)
              .toList();
    }
    Result r;
    try (YuNetDetector detector = YuNetDetector.openBundled(DetectorOptions.defaults())) {
      r = measure(model, crops, detector);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "%s: %d crops, %d without a face in detect mode (excluded)%n",
        model,
        r.crops(),
        r.noFace());
    out.println(
        "| task | agreement (nominal) | mean abs expected-rank diff | mean abs Eq.6-rank diff |");
    out.println("|---|---|---|---|");
    for (TaskComparison t : r.tasks()) {
      out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s |%n",
          t.task(),
          fmt(t.agreement()),
          fmt(t.meanAbsExpectedDiff()),
          fmt(t.meanAbsRankDiff()));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
  }

  /** Runs both modes over {@code crops} with the model at {@code modelPath}. */
  public static Result measure(Path modelPath, List<Path> crops, YuNetDetector detector)
      throws IOException, ContractViolationException, FaceExtractionException, OrtException {
    ModelFile file = ModelContractReader.read(modelPath);
    ModelContract contract = file.contract();
    InputSpec in = contract.input();
    DetectAndAlign detect = DetectAndAlign.forModel(detector, contract, file.source());
    OrtEnvironment env = OrtEnvironments.shared();
    int tasks = contract.tasks().size();
    int[] agree = new int[tasks];
    double[] expectedDiff = new double[tasks];
    double[] rankDiff = new double[tasks];
    int compared = 0;
    int noFace = 0;
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(modelPath.toString(), so)) {
      for (Path p : crops) {
        RgbImage image = ImageFiles.read(p);
        List<FaceCrop> faces = detect.extract(image);
        if (faces.isEmpty()) {
          noFace++;
          continue;
        }
        RgbImage aligned = CropResizer.BILINEAR.resize(image, in.width(), in.height());
        Map<String, float[][]> logits =
            run(env, session, in, List.of(aligned, faces.get(0).crop()), contract);
        for (int t = 0; t < tasks; t++) {
          TaskSpec task = contract.tasks().get(t);
          float[][] l = logits.get(task.output());
          if (task.kind() == TaskKind.NOMINAL) {
            if (OutputDecoder.decodeNominal(task, l[0]).index()
                == OutputDecoder.decodeNominal(task, l[1]).index()) {
              agree[t]++;
            }
          } else {
            var a = OutputDecoder.decodeOrdinal(task, l[0]);
            var d = OutputDecoder.decodeOrdinal(task, l[1]);
            expectedDiff[t] += Math.abs(a.expectedRank() - d.expectedRank());
            rankDiff[t] += Math.abs(a.predictedRank() - d.predictedRank());
          }
        }
        compared++;
      }
    }
    List<TaskComparison> out = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      TaskSpec task = contract.tasks().get(t);
      double n = compared == 0 ? Double.NaN : compared;
      out.add(
          task.kind() == TaskKind.NOMINAL
              ? new TaskComparison(task.name(), task.kind(), agree[t] / n, Double.NaN, Double.NaN)
              : new TaskComparison(
                  task.name(), task.kind(), Double.NaN, expectedDiff[t] / n, rankDiff[t] / n));
    }
    return new Result(crops.size(), noFace, out);
  }

  /** One batch through the model; returns {@code [image][logit]} per output name. */
  private static Map<String, float[][]> run(
      OrtEnvironment env,
      OrtSession session,
      InputSpec in,
      List<RgbImage> images,
      ModelContract contract)
      throws OrtException {
    int plane = in.width() * in.height();
    float[] tensor = new float[images.size() * 3 * plane];
    for (int i = 0; i < images.size(); i++) {
      byte[] d = images.get(i).data();
      for (int px = 0; px < plane; px++) {
        for (int c = 0; c < 3; c++) {
          tensor[(i * 3 + c) * plane + px] = in.normalise(c, d[px * 3 + c] & 0xFF);
        }
      }
    }
    long[] shape = {images.size(), 3, in.height(), in.width()};
    Map<String, float[][]> out = new LinkedHashMap<>();
    try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(tensor), shape);
        OrtSession.Result result = session.run(Map.of(in.name(), input))) {
      for (TaskSpec task : contract.tasks()) {
        OnnxValue v =
            result
                .get(task.output())
                .orElseThrow(
                    () ->
                        new IllegalStateException("model output " + task.output() + " is missing"));
        out.put(task.output(), (float[][]) v.getValue());
      }
    }
    return out;
  }
}
