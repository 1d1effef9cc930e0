package dev.dmtl.pipeline;

import dev.dmtl.contract.ContentHash;
import dev.dmtl.inference.batch.BatchAnalyzer;
import dev.dmtl.inference.batch.BatchSize;
import dev.dmtl.inference.batch.ImageOutcome;
import dev.dmtl.inference.face.AlignedFaceExtractor;
import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.image.ImageDecoder;
import dev.dmtl.inference.model.DmtlModel;
import dev.dmtl.inference.model.FacePredictor;
import dev.dmtl.inference.model.ModelOptions;
import dev.dmtl.parquet.PredictionSchema;
import dev.dmtl.pipeline.infer.AnalyzeConfig;
import dev.dmtl.pipeline.labels.LabelSpec;
import dev.dmtl.testdata.TestData;
import dev.dmtl.testdata.TinyModel;
import dev.dmtl.testdata.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Shared test fixtures: the tiny model on disk, sample images, expected predictions. */
final class Fixtures {

  static final TinyModel MODEL = TinyModels.dmtl(11);

  private Fixtures() {}

  static Path writeModel(Path dir) throws IOException {
    return MODEL.writeTo(dir.resolve("tiny.onnx"));
  }

  /** The first {@code n} bundled UTKFace crops, by name. */
  static List<Path> samples(int n) throws IOException {
    try (Stream<Path> files = Files.list(TestData.utkfaceSample())) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".jpg"))
          .sorted()
          .limit(n)
          .toList();
    }
  }

  static AnalyzeConfig config(Path model, int batchSize, LabelSpec labels, String runId)
      throws Exception {
    String schema =
        PredictionSchema.predictions(model.toString(), MODEL.contract(), labels != null).toString();
    String deadLetterSchema =
        PredictionSchema.deadLetters(MODEL.contract(), labels != null).toString();
    InferRequest request =
        new InferRequest(
            List.of(),
            null,
            "unused",
            false,
            model.toString(),
            dev.dmtl.inference.face.FaceMode.ALIGNED,
            dev.dmtl.inference.face.detect.DetectorOptions.defaults(),
            new BatchSize(batchSize),
            dev.dmtl.inference.model.Device.CPU,
            null,
            DecodeLimits.DEFAULTS,
            RunnerKind.DIRECT,
            null,
            1,
            1,
            runId,
            null,
            SinkOptions.NONE,
            null);
    return new AnalyzeConfig(
        request,
        model.toString(),
        ContentHash.sha256Hex(MODEL.bytes()),
        labels,
        schema,
        deadLetterSchema,
        null,
        null,
        java.util.Set.of());
  }

  /**
   * What the plain-Java inference classes say about one image, as {@code age|gender|race}: the
   * pipeline must produce exactly this for the same bytes.
   */
  static String expectedPrediction(byte[] image) throws Exception {
    try (DmtlModel model = DmtlModel.load("tiny", MODEL.bytes(), ModelOptions.CPU_SINGLE_THREAD);
        FacePredictor predictor = model.newPredictor()) {
      ImageOutcome outcome =
          new BatchAnalyzer(
                  new ImageDecoder(DecodeLimits.DEFAULTS),
                  AlignedFaceExtractor.forInput(model.contract().input()),
                  predictor,
                  new BatchSize(1))
              .analyze(List.of(image))
              .get(0);
      var face = ((ImageOutcome.Analyzed) outcome).faces().get(0).prediction();
      return face.ordinal("age").predictedRank()
          + "|"
          + face.nominal("gender").label()
          + "|"
          + face.nominal("race").label();
    }
  }
}
