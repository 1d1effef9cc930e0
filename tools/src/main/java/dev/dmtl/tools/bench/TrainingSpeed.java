package dev.dmtl.tools.bench;

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
import dev.dmtl.tools.ExitCodes;
import dev.dmtl.training.loss.DmtlLoss;
import dev.dmtl.training.loss.TaskWeighting;
import dev.dmtl.training.net.DmtlNetwork;
import dev.dmtl.training.net.NetworkConfig;
import dev.dmtl.training.net.TaskHeads;
import dev.dmtl.training.optim.SgdNesterov;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dmtl-tools training-speed}: training-step and inference throughput of network
 * configurations on random data, to size a network before a real run (docs/STACK.md's training
 * table). Not a test. Example: {@code training-speed --steps 20 64:1:1:4 96:1:1:4}.
 */
@Command(
    name = "training-speed",
    mixinStandardHelpOptions = true,
    description =
        "Training-step and inference images/s of DMTL network configurations on random data (DJL PyTorch, CPU).")
public final class TrainingSpeed implements Callable<Integer> {

  /** The network of one measurement: input size in px, width and depth multipliers, split stage. */
  record Shape(int size, double width, double depth, int splitAt) {

    NetworkConfig config() {
      return NetworkConfig.defaults(size).withMultipliers(width, depth).withSplitAt(splitAt);
    }

    @Override
    public String toString() {
      return size + ":" + width + ":" + depth + ":" + splitAt;
    }
  }

  /** Parses {@code SIZE:WIDTH:DEPTH:SPLIT}, e.g. {@code 96:1:1:4}. */
  static final class ShapeConverter implements ITypeConverter<Shape> {
    @Override
    public Shape convert(String value) {
      String[] p = value.split(":");
      if (p.length != 4) {
        throw new IllegalArgumentException(
            "expected SIZE:WIDTH:DEPTH:SPLIT, e.g. 96:1:1:4, got " + value);
      }
      return new Shape(
          Integer.parseInt(p[0]),
          Double.parseDouble(p[1]),
          Double.parseDouble(p[2]),
          Integer.parseInt(p[3]));
    }
  }

  /** Steps run before the clock starts: the first steps allocate and compile. */
  static final int WARM_UP_STEPS = 2;

  @Spec CommandSpec spec;

  @Option(
      names = "--steps",
      defaultValue = "20",
      paramLabel = "N",
      description = "Measured steps per configuration. Default: ${DEFAULT-VALUE}.")
  int steps;

  @Option(
      names = "--batch-size",
      defaultValue = "32",
      paramLabel = "N",
      description = "Default: ${DEFAULT-VALUE}.")
  int batch;

  @Parameters(
      arity = "1..*",
      paramLabel = "SIZE:WIDTH:DEPTH:SPLIT",
      converter = ShapeConverter.class,
      description =
          "Network configurations, e.g. 96:1:1:4 (input px, width and depth multipliers, shared stages).")
  List<Shape> shapes;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    for (Shape shape : shapes) {
      measure(shape, out);
      out.flush();
    }
    return ExitCodes.OK;
  }

  private void measure(Shape shape, PrintWriter out) {
    Engine engine = Engine.getEngine("PyTorch");
    try (NDManager m = engine.newBaseManager()) {
      TaskHeads heads = TaskHeads.utkFace(false);
      DmtlNetwork net = new DmtlNetwork(shape.config(), heads);
      net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
      net.initialize(m, DataType.FLOAT32, net.inputShape(2));
      ParameterStore ps = new ParameterStore(m, false);
      SgdNesterov opt = new SgdNesterov(net.getParameters(), m, 0.9f, 5e-4f, true);
      long params = 0;
      for (var p : opt.parameters()) {
        params += p.getValue().getArray().size();
      }
      DmtlLoss loss = new DmtlLoss(heads, TaskWeighting.learnedUncertainty());
      Random random = new Random(1);
      int[][] labels = new int[3][batch];
      long t0 = 0;
      for (int s = 0; s < steps + WARM_UP_STEPS; s++) {
        if (s == WARM_UP_STEPS) {
          t0 = System.nanoTime();
        }
        for (int i = 0; i < batch; i++) {
          labels[0][i] = 1 + random.nextInt(90); // age in years
          labels[1][i] = random.nextInt(2); // gender
          labels[2][i] = random.nextInt(5); // race
        }
        try (NDScope scope = new NDScope()) {
          NDArray x = m.randomNormal(net.inputShape(batch));
          try (GradientCollector gc = engine.newGradientCollector()) {
            NDList output = net.forward(ps, new NDList(x), true);
            DmtlLoss.Result res =
                loss.compute(output, labels, net.uncertainty().logVariance().getArray());
            gc.backward(res.total());
          }
          opt.step(0.01f);
        }
      }
      double trainSeconds = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        try (NDScope scope = new NDScope()) {
          net.forward(ps, new NDList(m.randomNormal(net.inputShape(batch))), false)
              .get(0)
              .toFloatArray();
        }
      }
      double inferSeconds = (System.nanoTime() - t1) / 1e9;
      out.printf(
          Locale.ROOT,
          "%s params=%d train %.1f img/s, eval %.1f img/s%n",
          shape,
          params,
          steps * batch / trainSeconds,
          steps * batch / inferSeconds);
    }
  }
}
