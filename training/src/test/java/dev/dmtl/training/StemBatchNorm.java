package dev.dmtl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;

/**
 * The check the BatchNorm re-estimation tests share: after calibrating on a set of images, the
 * stem's running mean is the per-channel mean of the stem convolution over exactly those images.
 */
public final class StemBatchNorm {

  private StemBatchNorm() {}

  /**
   * @param images the calibration images, NCHW, in the run's manager
   * @return the stem convolution of the images, for further checks
   */
  public static NDArray assertRunningMeanIsStemMean(TrainingRun run, NDArray images) {
    NDArray z =
        run.network()
            .stem()
            .conv()
            .forward(new ParameterStore(run.manager(), false), new NDList(images), false)
            .singletonOrThrow();
    float[] measured =
        z.transpose(1, 0, 2, 3).reshape(z.getShape().get(1), -1).mean(new int[] {1}).toFloatArray();
    float[] running =
        run.network().stem().bn().getParameters().get("runningMean").getArray().toFloatArray();
    for (int c = 0; c < measured.length; c++) {
      assertEquals(measured[c], running[c], 1e-4, "running mean of stem channel " + c);
    }
    return z;
  }
}
