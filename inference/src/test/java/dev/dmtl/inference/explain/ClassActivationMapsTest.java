package dev.dmtl.inference.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnx.proto.OnnxMl;
import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.model.ContractMetadata;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.face.FaceCrop;
import dev.dmtl.inference.model.BundledModel;
import dev.dmtl.inference.model.DmtlModel;
import dev.dmtl.inference.model.FacePrediction;
import dev.dmtl.inference.model.FacePredictor;
import dev.dmtl.inference.model.ModelOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled model's exact class activation maps, on real UTKFace crops of {@code testdata}: the
 * re-export that added the feature-map outputs changed nothing else (stripping them gives the old
 * file back byte for byte, and both give the same logits), and each map is exact: its mean over the
 * cells plus the head's bias is the logit (nominal), or the first-order change of the expected age
 * (ordinal).
 */
class ClassActivationMapsTest {

  /** The bundled model before issue 21's CAM outputs (docs/MODEL_CARD.md had this SHA-256). */
  static final String OLD_SHA256 =
      "b04181054cbb3ee90cb514476d90d20667e2c3d1ad93dd8f05c0667b4fbf6159";

  private static final int FACES = 8;

  private static byte[] bytes;
  private static List<FaceCrop> faces;

  @BeforeAll
  static void load() throws Exception {
    bytes = BundledModel.read().orElse(null);
    assumeTrue(bytes != null, "this build bundles no default model");
    faces = SampleCrops.aligned(bytes, FACES);
  }

  @Test
  void strippingTheCamOutputsGivesBackTheOldModelAndItsLogits() throws Exception {
    byte[] old = strip(bytes);
    assertEquals(OLD_SHA256, ContentHash.sha256Hex(old));
    try (DmtlModel before = DmtlModel.load("old.onnx", old, ModelOptions.CPU_SINGLE_THREAD);
        DmtlModel after =
            DmtlModel.load(BundledModel.SOURCE, bytes, ModelOptions.CPU_SINGLE_THREAD);
        FacePredictor p0 = before.newPredictor();
        FacePredictor p1 = after.newPredictor()) {
      assertFalse(p0.explainable());
      assertTrue(p1.explainable());
      List<FacePrediction> a = p0.predict(faces);
      List<FacePrediction> b = p1.predict(faces, true);
      double max = 0;
      for (int i = 0; i < FACES; i++) {
        for (String task : a.get(i).logits().keySet()) {
          float[] x = a.get(i).logits().get(task);
          float[] y = b.get(i).logits().get(task);
          for (int k = 0; k < x.length; k++) {
            max = Math.max(max, Math.abs(x[k] - y[k]));
          }
        }
      }
      System.out.println("old vs new bundled model, max |logit difference| = " + max);
      assertTrue(max <= 1e-5, "max |logit difference| " + max);
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> p0.predict(faces, true));
      assertTrue(e.getMessage().contains("occlusion sensitivity only"), e.getMessage());
    }
  }

  @Test
  void mapsAreExactDecompositionsOfTheLogits() throws Exception {
    Map<String, float[]> bias = headBiases(bytes);
    try (DmtlModel model =
            DmtlModel.load(BundledModel.SOURCE, bytes, ModelOptions.CPU_SINGLE_THREAD);
        FacePredictor predictor = model.newPredictor()) {
      List<FacePrediction> plain = predictor.predict(faces);
      List<FacePrediction> withMaps = predictor.predict(faces, true);
      for (int i = 0; i < FACES; i++) {
        assertTrue(plain.get(i).maps().isEmpty());
        for (TaskSpec task : model.contract().tasks()) {
          float[] z = withMaps.get(i).logits().get(task.name());
          assertArrayEquals(plain.get(i).logits().get(task.name()), z);
          SaliencyMap map = withMaps.get(i).maps().get(task.name());
          assertEquals(SaliencyMethod.CLASS_ACTIVATION, map.method());
          assertEquals(4, map.height(), "112 px at stride 32 (ceil) is a 4 x 4 map");
          assertEquals(4, map.width());
          double mean = 0;
          for (float v : map.values()) {
            mean += v / (double) map.values().length;
          }
          float[] b = bias.get(task.name());
          double expected;
          if (task.kind() == TaskKind.NOMINAL) {
            int c = withMaps.get(i).nominal(task.name()).index();
            expected = z[c] - b[c];
          } else {
            expected = 0;
            for (int j = 0; j < z.length; j++) {
              double p = 1 / (1 + Math.exp(-z[j]));
              double step = task.ranks().get(j + 1) - task.ranks().get(j);
              expected += p * (1 - p) * step * (z[j] - b[j]);
            }
          }
          assertEquals(
              expected,
              mean,
              1e-4 * Math.max(1, Math.abs(expected)),
              "face " + i + " " + task.name());
        }
      }
    }
  }

  /** The model without what {@code CamOutputs} added (its nodes and constants say "_cam_"). */
  static byte[] strip(byte[] model) throws Exception {
    OnnxMl.ModelProto.Builder b = OnnxMl.ModelProto.parseFrom(model).toBuilder();
    OnnxMl.GraphProto.Builder g = b.getGraphBuilder();
    for (int i = g.getOutputCount() - 1; i >= 0; i--) {
      if (g.getOutput(i).getName().endsWith("_features")) {
        g.removeOutput(i);
      }
    }
    for (int i = g.getNodeCount() - 1; i >= 0; i--) {
      if (g.getNode(i).getName().contains("_cam_")) {
        g.removeNode(i);
      }
    }
    for (int i = g.getInitializerCount() - 1; i >= 0; i--) {
      if (g.getInitializer(i).getName().contains("_cam_")) {
        g.removeInitializer(i);
      }
    }
    for (int i = b.getMetadataPropsCount() - 1; i >= 0; i--) {
      if (b.getMetadataProps(i).getKey().equals(ContractMetadata.KEY_EXPLAIN)) {
        b.removeMetadataProps(i);
      }
    }
    return b.build().toByteArray();
  }

  /** Per task, the bias of its head Gemm (the Gemm whose weight {@code dmtl.explain} names). */
  private static Map<String, float[]> headBiases(byte[] model) throws Exception {
    OnnxMl.GraphProto g = OnnxMl.ModelProto.parseFrom(model).getGraph();
    Map<String, OnnxMl.TensorProto> init = new HashMap<>();
    g.getInitializerList().forEach(t -> init.put(t.getName(), t));
    Map<String, float[]> out = new HashMap<>();
    for (OnnxMl.NodeProto n : g.getNodeList()) {
      if (n.getOpType().equals("Gemm")) {
        String task = n.getInput(1).substring(0, n.getInput(1).indexOf("_fc_w"));
        OnnxMl.TensorProto t = init.get(n.getInput(2));
        float[] v = new float[(int) t.getDims(0)];
        ByteBuffer.wrap(t.getRawData().toByteArray())
            .order(ByteOrder.LITTLE_ENDIAN)
            .asFloatBuffer()
            .get(v);
        out.put(task, v);
      }
    }
    return out;
  }
}
