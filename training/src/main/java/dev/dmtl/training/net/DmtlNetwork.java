package dev.dmtl.training.net;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The DMTL network: stem → shared MBConv stages → one {@link TaskBranch} per task. Forward returns
 * the task logits in task order ({@link TaskHeads#tasks()}); {@link #uncertainty()} holds the
 * learned log-variances used only by the loss.
 */
public final class DmtlNetwork extends AbstractBlock {

  /** Epsilon of every BatchNorm in the network (the exporter folds with it). */
  public static final float BN_EPSILON = Layers.BN_EPSILON;

  /** Momentum of every BatchNorm: running = momentum·running + (1−momentum)·batch. */
  public static final float BN_MOMENTUM = Layers.BN_MOMENTUM;

  private final NetworkConfig config;
  private final TaskHeads heads;
  private final ConvBnAct stem;
  private final List<MbConvBlock> trunk = new ArrayList<>();
  private final List<TaskBranch> branches = new ArrayList<>();
  private final TaskUncertainty uncertainty;

  public DmtlNetwork(NetworkConfig config, TaskHeads heads) {
    this.config = config;
    this.heads = heads;
    stem = addChildBlock("stem", new ConvBnAct(config.width(config.stemChannels()), 3, 2));
    int channels = config.width(config.stemChannels());
    int index = 0;
    for (int s = 0; s < config.splitAt(); s++) {
      StageSpec stage = config.stages().get(s);
      for (MbConvBlock block : stageBlocks(stage, channels)) {
        trunk.add(addChildBlock("trunk" + index++, block));
      }
      channels = config.width(stage.channels());
    }
    int trunkChannels = channels;
    for (TaskHeads.Head head : heads.tasks()) {
      List<MbConvBlock> blocks = new ArrayList<>();
      int c = trunkChannels;
      for (int s = config.splitAt(); s < config.stages().size(); s++) {
        StageSpec stage = config.stages().get(s);
        blocks.addAll(stageBlocks(stage, c));
        c = config.width(stage.channels());
      }
      branches.add(
          addChildBlock(
              "branch_" + head.name(),
              new TaskBranch(
                  blocks, config.width(config.headChannels()), config.dropout(), head.outputs())));
    }
    uncertainty = addChildBlock("uncertainty", new TaskUncertainty(heads.tasks().size()));
  }

  private List<MbConvBlock> stageBlocks(StageSpec stage, int inChannels) {
    List<MbConvBlock> blocks = new ArrayList<>();
    int out = config.width(stage.channels());
    int in = inChannels;
    for (int r = 0; r < config.depth(stage.repeats()); r++) {
      blocks.add(
          new MbConvBlock(
              in,
              out,
              stage.expandRatio(),
              stage.kernel(),
              r == 0 ? stage.stride() : 1,
              config.seRatio()));
      in = out;
    }
    return blocks;
  }

  public NetworkConfig config() {
    return config;
  }

  public TaskHeads heads() {
    return heads;
  }

  public ConvBnAct stem() {
    return stem;
  }

  public List<MbConvBlock> trunk() {
    return Collections.unmodifiableList(trunk);
  }

  public List<TaskBranch> branches() {
    return Collections.unmodifiableList(branches);
  }

  public TaskUncertainty uncertainty() {
    return uncertainty;
  }

  /** Input shape for a batch of {@code n}. */
  public Shape inputShape(long n) {
    return new Shape(n, 3, config.inputSize(), config.inputSize());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDList x = stem.forward(ps, inputs, training);
    for (MbConvBlock block : trunk) {
      x = block.forward(ps, x, training);
    }
    NDList out = new NDList(branches.size());
    for (TaskBranch branch : branches) {
      out.add(branch.forward(ps, x, training).singletonOrThrow());
    }
    return out;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] cur = stem.getOutputShapes(inputShapes);
    for (MbConvBlock block : trunk) {
      cur = block.getOutputShapes(cur);
    }
    Shape[] out = new Shape[branches.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = branches.get(i).getOutputShapes(cur)[0];
    }
    return out;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    stem.initialize(manager, dataType, inputShapes);
    Shape[] cur = stem.getOutputShapes(inputShapes);
    for (MbConvBlock block : trunk) {
      block.initialize(manager, dataType, cur);
      cur = block.getOutputShapes(cur);
    }
    for (TaskBranch branch : branches) {
      branch.initialize(manager, dataType, cur);
    }
    uncertainty.initialize(manager, dataType, inputShapes);
  }
}
