package dev.dmtl.training.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;

/**
 * Factory for the layer configurations the network uses, so the exporter can rely on them: convs
 * are bias-free before a BatchNorm (the BN shift is the bias), BN epsilon is {@link #BN_EPSILON}.
 */
final class Layers {

  /** BatchNorm epsilon; the ONNX export folds BN with exactly this value. */
  static final float BN_EPSILON = 1e-3f;

  /**
   * DJL/ONNX meaning: running = momentum·running + (1−momentum)·batch. 0.9 rather than
   * EfficientNet's 0.99 so the running statistics settle within a few hundred CPU steps.
   */
  static final float BN_MOMENTUM = 0.9f;

  private Layers() {}

  static Conv2d conv(int filters, int kernel, int stride, int groups, boolean bias) {
    return Conv2d.builder()
        .setKernelShape(new Shape(kernel, kernel))
        .setFilters(filters)
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(kernel / 2, kernel / 2))
        .optGroups(groups)
        .optBias(bias)
        .build();
  }

  static BatchNorm batchNorm() {
    return BatchNorm.builder().optEpsilon(BN_EPSILON).optMomentum(BN_MOMENTUM).build();
  }

  static Linear linear(int units) {
    return Linear.builder().setUnits(units).build();
  }

  /** SiLU (swish): x·σ(x). ONNX opset 17 has no SiLU op, the exporter writes Sigmoid then Mul. */
  static NDArray silu(NDArray x) {
    return x.mul(x.getNDArrayInternal().sigmoid());
  }
}
