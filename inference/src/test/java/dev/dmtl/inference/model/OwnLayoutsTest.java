package dev.dmtl.inference.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dmtl.contract.decode.OutputDecoder;
import dev.dmtl.contract.model.ContractSpec;
import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.inference.face.AlignedFaceExtractor;
import dev.dmtl.inference.face.FaceCrop;
import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.image.ImageDecoder;
import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.testdata.ForeignModels;
import dev.dmtl.testdata.ForeignModels.ForeignModel;
import dev.dmtl.testdata.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Inputs in BGR / NHWC and tasks that read slices of one output (contract version 2). */
class OwnLayoutsTest {

  private static final List<Double> ZERO = List.of(0.0, 0.0, 0.0);
  private static final List<Double> ONE = List.of(1.0, 1.0, 1.0);

  /** Two pixels, (10, 20, 30) and (40, 50, 60), through each layout and channel order. */
  @Test
  void pixelsLandWhereTheLayoutAndChannelOrderSay() {
    RgbImage crop = new RgbImage(2, 1, new byte[] {10, 20, 30, 40, 50, 60});
    assertArrayEquals(
        new float[] {30, 60, 20, 50, 10, 40},
        write(crop, InputSpec.Layout.NCHW, InputSpec.Channels.BGR));
    assertArrayEquals(
        new float[] {10, 20, 30, 40, 50, 60},
        write(crop, InputSpec.Layout.NHWC, InputSpec.Channels.RGB));
    assertArrayEquals(
        new float[] {30, 20, 10, 60, 50, 40},
        write(crop, InputSpec.Layout.NHWC, InputSpec.Channels.BGR));
    assertArrayEquals(
        new float[] {10, 40, 20, 50, 30, 60},
        write(crop, InputSpec.Layout.NCHW, InputSpec.Channels.RGB));
  }

  private static float[] write(RgbImage crop, InputSpec.Layout layout, InputSpec.Channels ch) {
    InputNormalizer n = new InputNormalizer(new InputSpec("x", 1, 2, 1.0, ZERO, ONE, layout, ch));
    float[] out = new float[n.sampleSize()];
    n.write(crop, out, 0);
    return out;
  }

  /**
   * The InsightFace layout's two tasks read their slices of {@code fc1}: checked against the whole
   * output read as raw values by a second spec.
   */
  @Test
  void slicedTasksDecodeTheirColumnsOfTheSharedOutput() throws Exception {
    ForeignModel m = ForeignModels.insightFaceGenderAge(9);
    ContractSpec spec = ContractSpec.read(m.spec());
    String raw =
        Files.readString(m.spec())
            .replaceAll(
                "\"tasks\": \\[[\\s\\S]*?\\n  \\]",
                "\"tasks\": [{\"name\": \"raw\", \"kind\": \"nominal\", \"output\": \"fc1\","
                    + " \"activation\": \"probabilities\", \"labels\": [\"a\", \"b\", \"c\"]}]");
    ContractSpec rawSpec = ContractSpec.parse("raw.json", raw.getBytes(StandardCharsets.UTF_8));
    List<FaceCrop> crops = crops(spec);
    try (DmtlModel sliced =
            DmtlModel.load("genderage.onnx", m.bytes(), spec, ModelOptions.CPU_SINGLE_THREAD);
        DmtlModel whole =
            DmtlModel.load("genderage.onnx", m.bytes(), rawSpec, ModelOptions.CPU_SINGLE_THREAD);
        FacePredictor a = sliced.newPredictor();
        FacePredictor b = whole.newPredictor()) {
      List<FacePrediction> pa = a.predict(crops);
      List<FacePrediction> pb = b.predict(crops);
      for (int i = 0; i < crops.size(); i++) {
        float[] fc1 = pb.get(i).nominal("raw").probabilities();
        assertArrayEquals(
            OutputDecoder.softmax(new float[] {fc1[0], fc1[1]}),
            pa.get(i).nominal("gender").probabilities(),
            1e-6f);
        assertEquals(fc1[2] * 100.0, pa.get(i).ordinal("age").expectedRank(), 1e-4);
      }
    }
  }

  private static List<FaceCrop> crops(ContractSpec spec) throws Exception {
    ImageDecoder decoder = new ImageDecoder(DecodeLimits.DEFAULTS);
    AlignedFaceExtractor extractor = AlignedFaceExtractor.forInput(spec.contract().input());
    List<FaceCrop> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(TestData.utkfaceSample())) {
      for (Path p : files.sorted().limit(3).toList()) {
        out.add(extractor.extract(decoder.decode(Files.readAllBytes(p)).image()).get(0));
      }
    }
    return out;
  }
}
