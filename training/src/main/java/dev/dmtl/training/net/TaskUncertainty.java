package dev.dmtl.training.net;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * The learned homoscedastic uncertainties of Eq. 15, one s_t = log σ_t² per task, initialised to 0
 * (all tasks weighed equally at the start). Kept as a block of the network so checkpoints and the
 * optimiser handle it like any other parameter; its forward returns the vector.
 */
public final class TaskUncertainty extends AbstractBlock {

  private final Parameter logVariance;
  private final int tasks;

  TaskUncertainty(int tasks) {
    this.tasks = tasks;
    logVariance =
        addParameter(
            Parameter.builder()
                .setName("logVariance")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(tasks))
                .optInitializer(new ConstantInitializer(0f))
                .build());
  }

  public Parameter logVariance() {
    return logVariance;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(ps.getValue(logVariance, inputs.head().getDevice(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(tasks)};
  }
}
