package dev.dmtl.training.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import dev.dmtl.training.loss.DmtlLoss;
import dev.dmtl.training.loss.TaskWeighting;
import dev.dmtl.training.net.DmtlNetwork;
import dev.dmtl.training.net.NetworkConfig;
import dev.dmtl.training.net.TaskHeads;
import dev.dmtl.training.optim.SgdNesterov;
import java.util.Random;

/** Training-step throughput of network configurations on random data (developer tool, not a test). */
public final class SpeedProbe {
  public static void main(String[] args) {
    int steps = Integer.parseInt(args[0]);
    int batch = Integer.parseInt(args[1]);
    for (int a = 2; a < args.length; a++) {
      String[] spec = args[a].split(":"); // size:width:depth:split
      NetworkConfig cfg = NetworkConfig.defaults(Integer.parseInt(spec[0]))
          .withMultipliers(Double.parseDouble(spec[1]), Double.parseDouble(spec[2])).withSplitAt(Integer.parseInt(spec[3]));
      try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
        TaskHeads heads = TaskHeads.utkFace(false);
        DmtlNetwork net = new DmtlNetwork(cfg, heads);
        net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        net.initialize(m, DataType.FLOAT32, net.inputShape(2));
        ParameterStore ps = new ParameterStore(m, false);
        SgdNesterov opt = new SgdNesterov(net.getParameters(), m, 0.9f, 5e-4f, true);
        long params = 0;
        for (var p : opt.parameters()) params += p.getValue().getArray().size();
        DmtlLoss loss = new DmtlLoss(heads, TaskWeighting.learnedUncertainty());
        Random r = new Random(1);
        int[][] labels = new int[3][batch];
        long t0 = 0;
        for (int s = 0; s < steps + 2; s++) {
          if (s == 2) t0 = System.nanoTime();
          for (int i = 0; i < batch; i++) { labels[0][i] = 1 + r.nextInt(90); labels[1][i] = r.nextInt(2); labels[2][i] = r.nextInt(5); }
          try (NDScope scope = new NDScope()) {
            NDArray x = m.randomNormal(net.inputShape(batch));
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
              NDList out = net.forward(ps, new NDList(x), true);
              DmtlLoss.Result res = loss.compute(out, labels, net.uncertainty().logVariance().getArray());
              gc.backward(res.total());
            }
            opt.step(0.01f);
          }
        }
        double sec = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
          try (NDScope scope = new NDScope()) {
            net.forward(ps, new NDList(m.randomNormal(net.inputShape(batch))), false).get(0).toFloatArray();
          }
        }
        double inf = (System.nanoTime() - t1) / 1e9;
        System.out.printf("%s params=%d train %.1f img/s, eval %.1f img/s%n", args[a], params, steps * batch / sec, steps * batch / inf);
      }
    }
  }
}
