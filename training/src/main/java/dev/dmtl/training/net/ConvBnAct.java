package dev.dmtl.training.net;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Convolution (no bias) → BatchNorm → SiLU: the stem and the per-task head convolution. */
public final class ConvBnAct extends AbstractBlock {

  private final Conv2d conv;
  private final BatchNorm bn;
  private final int stride;
  private final int kernel;

  public ConvBnAct(int filters, int kernel, int stride) {
    this.kernel = kernel;
    this.stride = stride;
    conv = addChildBlock("conv", Layers.conv(filters, kernel, stride, 1, false));
    bn = addChildBlock("bn", Layers.batchNorm());
  }

  public Conv2d conv() {
    return conv;
  }

  public BatchNorm bn() {
    return bn;
  }

  public int stride() {
    return stride;
  }

  public int kernel() {
    return kernel;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList x = conv.forward(ps, inputs, training);
    x = bn.forward(ps, x, training);
    return new NDList(Layers.silu(x.singletonOrThrow()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return conv.getOutputShapes(inputShapes);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    conv.initialize(manager, dataType, inputShapes);
    bn.initialize(manager, dataType, conv.getOutputShapes(inputShapes));
  }
}
