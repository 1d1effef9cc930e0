package dev.dmtl.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * SGD with (Nesterov) momentum and weight decay only on convolution and linear weights, not on
 * BatchNorm scale/shift, biases or the learned log-variances (DJL's own SGD decays everything, and
 * a decayed log-variance is pulled towards 0, i.e. towards equal task weights). Update, per
 * parameter w with gradient g: {@code g' = g + λ·w (weights only); v = μ·v + g'; w −= lr·(g' +
 * μ·v)} (Nesterov) or {@code w −= lr·v} (plain momentum).
 *
 * <p>Runs outside the gradient collector, in place, and zeroes each gradient afterwards.
 */
public final class SgdNesterov {

  private final List<Pair<String, Parameter>> params = new ArrayList<>();
  private final List<NDArray> velocity = new ArrayList<>();
  private final boolean[] decay;
  private final float[] lrScale;
  private final float momentum;
  private final float weightDecay;
  private final boolean nesterov;

  /** Learning-rate multiplier of the learned log-variances (Parameter.Type.OTHER). */
  public static final float LOG_VARIANCE_LR_SCALE = 0.01f;

  public SgdNesterov(
      PairList<String, Parameter> all,
      NDManager manager,
      float momentum,
      float weightDecay,
      boolean nesterov) {
    for (Pair<String, Parameter> p : all) {
      if (p.getValue().requiresGradient()) {
        params.add(p);
      }
    }
    this.momentum = momentum;
    this.weightDecay = weightDecay;
    this.nesterov = nesterov;
    decay = new boolean[params.size()];
    lrScale = new float[params.size()];
    for (int i = 0; i < params.size(); i++) {
      Parameter p = params.get(i).getValue();
      decay[i] = p.getType() == Parameter.Type.WEIGHT;
      // The log-variances see gradients of -exp(-s)·L + 1/2, about -80 for the summed ordinal age
      // loss at the start: at the network's learning rate they would overshoot far past log(2L)
      // and switch the age task off. They get a hundredth of the rate.
      lrScale[i] = p.getType() == Parameter.Type.OTHER ? LOG_VARIANCE_LR_SCALE : 1f;
      NDArray v = manager.zeros(p.getArray().getShape());
      velocity.add(v);
    }
    attachGradients();
  }

  /**
   * Marks every trainable parameter as requiring a gradient. Needed again after weights are loaded
   * from a checkpoint, because loading replaces the parameter arrays.
   */
  public void attachGradients() {
    for (Pair<String, Parameter> p : params) {
      p.getValue().getArray().setRequiresGradient(true);
    }
  }

  /** The trainable parameters, in checkpoint order. */
  public List<Pair<String, Parameter>> parameters() {
    return params;
  }

  /** Whether weight decay applies to the i-th trainable parameter. */
  public boolean decays(int i) {
    return decay[i];
  }

  /** Applies one update with learning rate {@code lr} and zeroes the gradients. */
  public void step(float lr) {
    for (int i = 0; i < params.size(); i++) {
      NDArray w = params.get(i).getValue().getArray();
      NDArray v = velocity.get(i);
      float rate = lr * lrScale[i];
      try (NDArray g = w.getGradient()) {
        if (decay[i] && weightDecay > 0) {
          try (NDArray wd = w.mul(weightDecay)) {
            g.addi(wd);
          }
        }
        v.muli(momentum).addi(g);
        if (nesterov) {
          try (NDArray upd = v.mul(momentum)) {
            upd.addi(g).muli(rate);
            w.subi(upd);
          }
        } else {
          try (NDArray upd = v.mul(rate)) {
            w.subi(upd);
          }
        }
        g.muli(0f);
      }
    }
  }

  /** Writes the momentum buffers, in parameter order. */
  public void save(DataOutputStream out) throws IOException {
    out.writeInt(velocity.size());
    for (int i = 0; i < velocity.size(); i++) {
      out.writeUTF(params.get(i).getKey());
      float[] data = velocity.get(i).toFloatArray();
      out.writeInt(data.length);
      for (float f : data) {
        out.writeFloat(f);
      }
    }
  }

  /** Restores momentum buffers written by {@link #save}; the parameter list must match. */
  public void load(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n != velocity.size()) {
      throw new IOException(
          "checkpoint has " + n + " momentum buffers, the network has " + velocity.size());
    }
    for (int i = 0; i < n; i++) {
      String name = in.readUTF();
      if (!name.equals(params.get(i).getKey())) {
        throw new IOException(
            "checkpoint momentum "
                + i
                + " is for '"
                + name
                + "', expected '"
                + params.get(i).getKey()
                + "'");
      }
      int len = in.readInt();
      float[] data = new float[len];
      for (int j = 0; j < len; j++) {
        data[j] = in.readFloat();
      }
      NDArray v = velocity.get(i);
      if (v.size() != len) {
        throw new IOException(
            "momentum buffer '" + name + "' has " + len + " values, expected " + v.size());
      }
      v.set(data);
    }
  }
}
