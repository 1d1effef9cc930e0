package dev.dmtl.training.net;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Shape of a DMTL network. Stages {@code [0, splitAt)} form the trunk shared by all tasks (hard
 * parameter sharing); stages {@code [splitAt, n)} are repeated per task, followed by a per-task 1×1
 * head convolution, global average pooling, dropout and a linear layer.
 *
 * @param inputSize square input side in pixels
 * @param stemChannels channels of the stride-2 3×3 stem convolution (before width multiplier)
 * @param stages the MBConv stages, shallow to deep
 * @param splitAt index of the first task-specific stage, 1..stages.size()
 * @param headChannels channels of each task's 1×1 head convolution (before width multiplier)
 * @param widthMultiplier scales all channel counts (rounded to multiples of 8)
 * @param depthMultiplier scales the repeats of every stage (rounded up)
 * @param dropout dropout rate before each linear head, in [0, 1)
 * @param seRatio squeeze-and-excitation bottleneck as a fraction of the block's input channels
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record NetworkConfig(
    int inputSize,
    int stemChannels,
    List<StageSpec> stages,
    int splitAt,
    int headChannels,
    double widthMultiplier,
    double depthMultiplier,
    double dropout,
    double seRatio) {

  public NetworkConfig {
    stages = List.copyOf(stages);
    if (inputSize < 32) {
      throw new IllegalArgumentException("input size must be at least 32, got " + inputSize);
    }
    if (splitAt < 1 || splitAt > stages.size()) {
      throw new IllegalArgumentException(
          "splitAt must be in 1.." + stages.size() + ", got " + splitAt);
    }
    if (!(widthMultiplier > 0)
        || !(depthMultiplier > 0)
        || dropout < 0
        || dropout >= 1
        || !(seRatio > 0)) {
      throw new IllegalArgumentException("bad multipliers, dropout or SE ratio");
    }
  }

  /**
   * The default: an EfficientNet-B0-like layout shrunk for a 2-core CPU. The trunk runs to stride
   * 16 (shared), and each task gets its own two upper stages at stride 16 and 32.
   */
  public static NetworkConfig defaults(int inputSize) {
    return new NetworkConfig(
        inputSize,
        24,
        List.of(
            new StageSpec(1, 3, 1, 16, 1),
            new StageSpec(6, 3, 2, 24, 2),
            new StageSpec(6, 5, 2, 40, 2),
            new StageSpec(6, 3, 2, 80, 2),
            new StageSpec(6, 5, 1, 112, 2),
            new StageSpec(6, 5, 2, 160, 1)),
        4,
        320,
        1.0,
        1.0,
        0.2,
        0.25);
  }

  public NetworkConfig withInputSize(int size) {
    return new NetworkConfig(
        size,
        stemChannels,
        stages,
        splitAt,
        headChannels,
        widthMultiplier,
        depthMultiplier,
        dropout,
        seRatio);
  }

  public NetworkConfig withMultipliers(double width, double depth) {
    return new NetworkConfig(
        inputSize, stemChannels, stages, splitAt, headChannels, width, depth, dropout, seRatio);
  }

  public NetworkConfig withSplitAt(int split) {
    return new NetworkConfig(
        inputSize,
        stemChannels,
        stages,
        split,
        headChannels,
        widthMultiplier,
        depthMultiplier,
        dropout,
        seRatio);
  }

  /** Channels after the width multiplier, rounded to a multiple of 8 as EfficientNet does. */
  public int width(int channels) {
    double scaled = channels * widthMultiplier;
    int rounded = Math.max(8, (int) (scaled + 4) / 8 * 8);
    if (rounded < 0.9 * scaled) {
      rounded += 8;
    }
    return rounded;
  }

  /** Repeats after the depth multiplier. */
  public int depth(int repeats) {
    return (int) Math.ceil(repeats * depthMultiplier);
  }
}
