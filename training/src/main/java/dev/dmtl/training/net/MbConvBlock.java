package dev.dmtl.training.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * EfficientNet's MBConv: 1×1 expand + BN + SiLU (skipped when the expansion is 1), depthwise k×k +
 * BN + SiLU, squeeze-and-excitation (global pool → 1×1 reduce + SiLU → 1×1 expand + sigmoid →
 * channel scale), 1×1 project + BN (linear bottleneck), and a residual when stride is 1 and the
 * channel count is unchanged. No stochastic depth: the network is small and the data modest.
 */
public final class MbConvBlock extends AbstractBlock {

  private final int inChannels;
  private final int outChannels;
  private final int expanded;
  private final int kernel;
  private final int stride;
  private final Conv2d expand;
  private final BatchNorm expandBn;
  private final Conv2d depthwise;
  private final BatchNorm depthwiseBn;
  private final Conv2d seReduce;
  private final Conv2d seExpand;
  private final Conv2d project;
  private final BatchNorm projectBn;

  public MbConvBlock(
      int inChannels, int outChannels, int expandRatio, int kernel, int stride, double seRatio) {
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.expanded = inChannels * expandRatio;
    this.kernel = kernel;
    this.stride = stride;
    if (expandRatio != 1) {
      expand = addChildBlock("expand", Layers.conv(expanded, 1, 1, 1, false));
      expandBn = addChildBlock("expandBn", Layers.batchNorm());
    } else {
      expand = null;
      expandBn = null;
    }
    depthwise = addChildBlock("depthwise", Layers.conv(expanded, kernel, stride, expanded, false));
    depthwiseBn = addChildBlock("depthwiseBn", Layers.batchNorm());
    int squeezed = Math.max(1, (int) (inChannels * seRatio));
    seReduce = addChildBlock("seReduce", Layers.conv(squeezed, 1, 1, 1, true));
    seExpand = addChildBlock("seExpand", Layers.conv(expanded, 1, 1, 1, true));
    project = addChildBlock("project", Layers.conv(outChannels, 1, 1, 1, false));
    projectBn = addChildBlock("projectBn", Layers.batchNorm());
  }

  public boolean hasExpansion() {
    return expand != null;
  }

  public boolean hasResidual() {
    return stride == 1 && inChannels == outChannels;
  }

  public Conv2d expand() {
    return expand;
  }

  public BatchNorm expandBn() {
    return expandBn;
  }

  public Conv2d depthwise() {
    return depthwise;
  }

  public BatchNorm depthwiseBn() {
    return depthwiseBn;
  }

  public Conv2d seReduce() {
    return seReduce;
  }

  public Conv2d seExpand() {
    return seExpand;
  }

  public Conv2d project() {
    return project;
  }

  public BatchNorm projectBn() {
    return projectBn;
  }

  public int kernel() {
    return kernel;
  }

  public int stride() {
    return stride;
  }

  public int expanded() {
    return expanded;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray input = inputs.singletonOrThrow();
    NDArray x = input;
    if (expand != null) {
      x =
          expandBn
              .forward(ps, expand.forward(ps, new NDList(x), training), training)
              .singletonOrThrow();
      x = Layers.silu(x);
    }
    x =
        depthwiseBn
            .forward(ps, depthwise.forward(ps, new NDList(x), training), training)
            .singletonOrThrow();
    x = Layers.silu(x);
    // squeeze-and-excitation: (N, C) pooled -> (N, C, 1, 1) so 1x1 convs apply, as ONNX's
    // GlobalAveragePool keeps the spatial dims.
    long n = x.getShape().get(0);
    NDArray pooled = Pool.globalAvgPool2d(x).reshape(n, expanded, 1, 1);
    NDArray s = seReduce.forward(ps, new NDList(pooled), training).singletonOrThrow();
    s = Layers.silu(s);
    s = seExpand.forward(ps, new NDList(s), training).singletonOrThrow();
    x = x.mul(s.getNDArrayInternal().sigmoid());
    x =
        projectBn
            .forward(ps, project.forward(ps, new NDList(x), training), training)
            .singletonOrThrow();
    if (hasResidual()) {
      x = x.add(input);
    }
    return new NDList(x);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    long h = (in.get(2) + 2L * (kernel / 2) - kernel) / stride + 1;
    long w = (in.get(3) + 2L * (kernel / 2) - kernel) / stride + 1;
    return new Shape[] {new Shape(in.get(0), outChannels, h, w)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    Shape cur = in;
    if (expand != null) {
      expand.initialize(manager, dataType, cur);
      cur = expand.getOutputShapes(new Shape[] {cur})[0];
      expandBn.initialize(manager, dataType, cur);
    }
    depthwise.initialize(manager, dataType, cur);
    cur = depthwise.getOutputShapes(new Shape[] {cur})[0];
    depthwiseBn.initialize(manager, dataType, cur);
    Shape pooled = new Shape(in.get(0), expanded, 1, 1);
    seReduce.initialize(manager, dataType, pooled);
    seExpand.initialize(manager, dataType, seReduce.getOutputShapes(new Shape[] {pooled}));
    project.initialize(manager, dataType, cur);
    projectBn.initialize(manager, dataType, project.getOutputShapes(new Shape[] {cur}));
  }
}
