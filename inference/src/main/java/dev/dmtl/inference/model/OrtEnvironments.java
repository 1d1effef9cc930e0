package dev.dmtl.inference.model;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;

/**
 * The one ONNX Runtime environment of the process, for code that uses ONNX Runtime directly (the
 * face detector) next to DJL (the DMTL model).
 *
 * <p>Why: ONNX Runtime allows one environment per process, and DJL's engine always creates it with
 * global thread-pool options; if plain {@link OrtEnvironment#getEnvironment()} ran first, DJL would
 * then fail with "Tried to specify the thread pool when creating an OrtEnvironment, but one already
 * exists". Starting DJL's engine first makes both share DJL's environment.
 */
public final class OrtEnvironments {

  private OrtEnvironments() {}

  /** DJL's ONNX Runtime environment, created through DJL if it does not exist yet. */
  public static OrtEnvironment shared() {
    Engine.getEngine(DmtlModel.ENGINE);
    return OrtEnvironment.getEnvironment();
  }
}
