package dev.dmtl.inference.model;

import java.util.Objects;

/**
 * How a model is opened.
 *
 * @param device CPU or GPU
 * @param intraOpThreads ONNX Runtime threads inside one inference call, &gt;= 1. Callers that
 *     already run several predictions in parallel (the pipeline, the benchmark loop) use 1, so that
 *     {@code parallel callers × intra-op threads} does not oversubscribe the cores.
 */
public record ModelOptions(Device device, int intraOpThreads) {

  public static final ModelOptions CPU_SINGLE_THREAD = new ModelOptions(Device.CPU, 1);

  public ModelOptions {
    Objects.requireNonNull(device, "device");
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intra-op threads must be >= 1, got " + intraOpThreads);
    }
  }
}
