package dev.dmtl.testdata;

import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.model.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small DMTL model written by {@link TinyModels}: the ONNX bytes, the contract it declares, and
 * its weights, with a plain-Java forward pass so tests can check ONNX Runtime's output against an
 * independent computation.
 *
 * <p>Graph: {@code Conv(3→C, 3×3, stride 2, pad 1) → Relu → GlobalAveragePool → Flatten}, then one
 * {@code Gemm} head per task ({@code transB = 1}).
 *
 * @param bytes the ONNX file
 * @param contract what the file's metadata declares (for broken variants: what a valid file would)
 * @param channels C, the conv's output channels
 * @param convWeight {@code [C, 3, 3, 3]} flattened
 * @param convBias {@code [C]}
 * @param headWeight per task name: {@code [outputWidth, C]} flattened
 * @param headBias per task name: {@code [outputWidth]}
 */
public record TinyModel(
    byte[] bytes,
    ModelContract contract,
    int channels,
    float[] convWeight,
    float[] convBias,
    Map<String, float[]> headWeight,
    Map<String, float[]> headBias) {

  /** Writes the ONNX file. */
  public Path writeTo(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, bytes);
    return file;
  }

  /**
   * The logits per task for one already-normalised sample (float32 CHW, the model's input size),
   * computed in double precision without ONNX Runtime.
   */
  public Map<String, float[]> referenceLogits(float[] chw) {
    int h = contract.input().height();
    int w = contract.input().width();
    if (chw.length != 3 * h * w) {
      throw new IllegalArgumentException(
          "sample has " + chw.length + " values, expected " + 3 * h * w);
    }
    int outH = (h + 2 - 3) / 2 + 1;
    int outW = (w + 2 - 3) / 2 + 1;
    double[] pooled = new double[channels];
    for (int c = 0; c < channels; c++) {
      double sum = 0;
      for (int oy = 0; oy < outH; oy++) {
        for (int ox = 0; ox < outW; ox++) {
          double v = convBias[c];
          for (int ic = 0; ic < 3; ic++) {
            for (int ky = 0; ky < 3; ky++) {
              int iy = oy * 2 - 1 + ky;
              if (iy < 0 || iy >= h) {
                continue;
              }
              for (int kx = 0; kx < 3; kx++) {
                int ix = ox * 2 - 1 + kx;
                if (ix < 0 || ix >= w) {
                  continue;
                }
                v += convWeight[((c * 3 + ic) * 3 + ky) * 3 + kx] * chw[(ic * h + iy) * w + ix];
              }
            }
          }
          sum += Math.max(0, v);
        }
      }
      pooled[c] = sum / (outH * outW);
    }
    Map<String, float[]> out = new LinkedHashMap<>();
    for (TaskSpec task : contract.tasks()) {
      float[] wgt = headWeight.get(task.name());
      float[] b = headBias.get(task.name());
      float[] logits = new float[b.length];
      for (int k = 0; k < b.length; k++) {
        double v = b[k];
        for (int c = 0; c < channels; c++) {
          v += wgt[k * channels + c] * pooled[c];
        }
        logits[k] = (float) v;
      }
      out.put(task.name(), logits);
    }
    return out;
  }
}
