package dev.dmtl.contract.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The model's single image input: float32 {@code [batch, 3, height, width]} (NCHW) or {@code
 * [batch, height, width, 3]} (NHWC), channels in RGB or BGR order. A pixel value v in 0..255 of
 * model channel c is fed as {@code (v / scale - mean[c]) / std[c]}. JSON ({@code dmtl.input}):
 * {@code {"name":"image","layout":"NCHW","channels":"RGB","height":96,"width":96,"scale":255.0,
 * "mean":[…3],"std":[…3]}}.
 *
 * @param name ONNX input name
 * @param height input height in pixels, &gt; 0
 * @param width input width in pixels, &gt; 0
 * @param scale divisor applied first, typically 255 (1 for a model fed 0..255)
 * @param mean per-channel mean after scaling, in the model's channel order ({@code channels})
 * @param std per-channel standard deviation after scaling, in the model's channel order, all &gt; 0
 * @param layout where the channel axis is
 * @param channels the order of the colour channels the model expects
 */
@JsonPropertyOrder({"name", "layout", "channels", "height", "width", "scale", "mean", "std"})
public record InputSpec(
    String name,
    int height,
    int width,
    double scale,
    List<Double> mean,
    List<Double> std,
    Layout layout,
    Channels channels) {

  /** Where the channel axis of the input tensor is. */
  public enum Layout {
    NCHW,
    NHWC
  }

  /** The order of the colour channels. */
  public enum Channels {
    RGB,
    BGR
  }

  public InputSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(channels, "channels");
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
          "input mean and std need 3 values (one per channel), got "
              + mean.size()
              + " and "
              + std.size());
    }
    for (double s : std) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("input std values must be positive, got " + std);
      }
    }
  }

  /** A contract version 1 input: NCHW, RGB. */
  public InputSpec(
      String name, int height, int width, double scale, List<Double> mean, List<Double> std) {
    this(name, height, width, scale, mean, std, Layout.NCHW, Channels.RGB);
  }

  /** Reads {@code dmtl.input}; layout and channels are required, as in version 1. */
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
    return new InputSpec(
        name,
        height,
        width,
        scale,
        mean,
        std,
        parse(Layout.class, "layout", layout),
        parse(Channels.class, "channels", channels));
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(value)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        field
            + " is '"
            + value
            + "', expected one of "
            + java.util.Arrays.toString(type.getEnumConstants()));
  }

  /** Whether this input uses anything contract version 1 does not have. */
  public boolean needsVersion2() {
    return layout != Layout.NCHW || channels != Channels.RGB;
  }

  /**
   * Normalises one 0..255 value of model channel {@code c} (0 = the first channel the model takes:
   * R for RGB, B for BGR) as the model expects.
   */
  public float normalise(int channel, int value) {
    return (float) ((value / scale - mean.get(channel)) / std.get(channel));
  }

  /** Which channel of an RGB pixel (0 = R) model channel {@code c} reads. */
  public int rgbIndex(int channel) {
    return channels == Channels.RGB ? channel : 2 - channel;
  }
}
