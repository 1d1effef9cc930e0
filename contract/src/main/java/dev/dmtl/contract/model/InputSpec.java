package dev.dmtl.contract.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The model's single image input: float32 NCHW {@code [batch, 3, height, width]}, RGB. A pixel
 * value v in 0..255 is fed as {@code (v / scale - mean[c]) / std[c]}. JSON ({@code dmtl.input}):
 * {@code {"name":"image","layout":"NCHW","channels":"RGB","height":96,"width":96,"scale":255.0,
 * "mean":[…3],"std":[…3]}}.
 *
 * @param name ONNX input name
 * @param height input height in pixels, &gt; 0
 * @param width input width in pixels, &gt; 0
 * @param scale divisor applied first, typically 255
 * @param mean per-channel mean (R, G, B) after scaling
 * @param std per-channel standard deviation (R, G, B) after scaling, all &gt; 0
 */
@JsonPropertyOrder({"name", "layout", "channels", "height", "width", "scale", "mean", "std"})
public record InputSpec(
    String name, int height, int width, double scale, List<Double> mean, List<Double> std) {

  public static final String LAYOUT = "NCHW";
  public static final String CHANNELS = "RGB";

  public InputSpec {
    Objects.requireNonNull(name, "name");
    mean = List.copyOf(mean);
    std = List.copyOf(std);
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "input size must be positive, got " + width + "x" + height);
    }
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("input scale must be a positive number, got " + scale);
    }
    if (mean.size() != 3 || std.size() != 3) {
      throw new IllegalArgumentException(
          "input mean and std need 3 values (R, G, B), got " + mean.size() + " and " + std.size());
    }
    for (double s : std) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("input std values must be positive, got " + std);
      }
    }
  }

  /**
   * Reads {@code dmtl.input}; the layout and channel order are checked because only one of each is
   * supported.
   */
  @JsonCreator
  static InputSpec fromJson(
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty(value = "layout", required = true) String layout,
      @JsonProperty(value = "channels", required = true) String channels,
      @JsonProperty(value = "height", required = true) int height,
      @JsonProperty(value = "width", required = true) int width,
      @JsonProperty(value = "scale", required = true) double scale,
      @JsonProperty(value = "mean", required = true) List<Double> mean,
      @JsonProperty(value = "std", required = true) List<Double> std) {
    if (!LAYOUT.equals(layout)) {
      throw new IllegalArgumentException("layout is '" + layout + "', only NCHW is supported");
    }
    if (!CHANNELS.equals(channels)) {
      throw new IllegalArgumentException("channels is '" + channels + "', only RGB is supported");
    }
    return new InputSpec(name, height, width, scale, mean, std);
  }

  @JsonProperty("layout")
  String layout() {
    return LAYOUT;
  }

  @JsonProperty("channels")
  String channels() {
    return CHANNELS;
  }

  /** Normalises one 0..255 channel value of channel {@code c} (0 = R) as the model expects. */
  public float normalise(int channel, int value) {
    return (float) ((value / scale - mean.get(channel)) / std.get(channel));
  }
}
