package dev.dmtl.training.net;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One stage of MBConv blocks, as in EfficientNet's table: {@code repeats} blocks, the first with
 * {@code stride}, all with the same expansion, kernel and output channels.
 *
 * @param expandRatio 1 (no expansion conv) or the expansion of the inverted bottleneck, e.g. 6
 * @param kernel depthwise kernel size, 3 or 5
 * @param stride stride of the first block, 1 or 2
 * @param channels output channels before the width multiplier
 * @param repeats blocks before the depth multiplier
 */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record StageSpec(int expandRatio, int kernel, int stride, int channels, int repeats) {
  public StageSpec {
    if (expandRatio < 1
        || (kernel != 3 && kernel != 5)
        || (stride != 1 && stride != 2)
        || channels < 1
        || repeats < 1) {
      throw new IllegalArgumentException(
          "bad stage "
              + expandRatio
              + "/"
              + kernel
              + "/"
              + stride
              + "/"
              + channels
              + "/"
              + repeats);
    }
  }
}
