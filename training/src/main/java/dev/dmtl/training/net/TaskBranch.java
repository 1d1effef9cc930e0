package dev.dmtl.training.net;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One task's own layers on top of the shared trunk: its upper MBConv stages (category-related
 * feature learning), a 1×1 head convolution, global average pooling, dropout and a linear layer
 * producing the task's logits.
 */
public final class TaskBranch extends AbstractBlock {

  private final List<MbConvBlock> blocks = new ArrayList<>();
  private final ConvBnAct head;
  private final Dropout dropout;
  private final Linear linear;
  private final int headChannels;

  TaskBranch(List<MbConvBlock> blocks, int headChannels, double dropoutRate, int outputs) {
    this.headChannels = headChannels;
    for (int i = 0; i < blocks.size(); i++) {
      this.blocks.add(addChildBlock("block" + i, blocks.get(i)));
    }
    head = addChildBlock("head", new ConvBnAct(headChannels, 1, 1));
    dropout = addChildBlock("dropout", Dropout.builder().optRate((float) dropoutRate).build());
    linear = addChildBlock("linear", Layers.linear(outputs));
  }

  public List<MbConvBlock> blocks() {
    return Collections.unmodifiableList(blocks);
  }

  public ConvBnAct head() {
    return head;
  }

  public Linear linear() {
    return linear;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList x = inputs;
    for (MbConvBlock block : blocks) {
      x = block.forward(ps, x, training);
    }
    x = head.forward(ps, x, training);
    NDArray pooled = Pool.globalAvgPool2d(x.singletonOrThrow());
    pooled = pooled.reshape(pooled.getShape().get(0), headChannels);
    NDList d = dropout.forward(ps, new NDList(pooled), training);
    return linear.forward(ps, d, training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] cur = inputShapes;
    for (MbConvBlock block : blocks) {
      cur = block.getOutputShapes(cur);
    }
    Shape pooled = new Shape(cur[0].get(0), headChannels);
    return linear.getOutputShapes(new Shape[] {pooled});
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape[] cur = inputShapes;
    for (MbConvBlock block : blocks) {
      block.initialize(manager, dataType, cur);
      cur = block.getOutputShapes(cur);
    }
    head.initialize(manager, dataType, cur);
    Shape pooled = new Shape(cur[0].get(0), headChannels);
    dropout.initialize(manager, dataType, pooled);
    linear.initialize(manager, dataType, pooled);
  }
}
