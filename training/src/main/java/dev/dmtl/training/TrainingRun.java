package dev.dmtl.training;

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
import dev.dmtl.contract.decode.UncertaintyWeights;
import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.contract.training.EpochRecord;
import dev.dmtl.training.data.BatchBuilder;
import dev.dmtl.training.data.FaceCache;
import dev.dmtl.training.data.FaceSample;
import dev.dmtl.training.loss.AgeLoss;
import dev.dmtl.training.loss.DmtlLoss;
import dev.dmtl.training.net.DmtlNetwork;
import dev.dmtl.training.net.TaskHeads;
import dev.dmtl.training.optim.LearningRateSchedule;
import dev.dmtl.training.optim.SgdNesterov;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Algorithm 1 of the paper: for each epoch, for each mini-batch, forward all task heads, compute
 * the uncertainty-weighted joint loss, back-propagate through the shared trunk and the task
 * branches and the log-variances, update. Validation, history and checkpoints ({@link
 * CheckpointPolicy}) after every epoch; the data comes decoded ({@link TrainingData}), a warm start
 * is {@link WarmStart}'s, progress goes to a {@link TrainingListener}.
 */
public final class TrainingRun implements AutoCloseable {

  /** The normalisation the default model declares: ImageNet statistics on 0..1 pixels. */
  public static final List<Double> MEAN = List.of(0.485, 0.456, 0.406);

  public static final List<Double> STD = List.of(0.229, 0.224, 0.225);

  private final TrainConfig config;
  private final RunFolder folder;
  private final TrainingListener listener;
  private final NDManager manager;
  private final DmtlNetwork net;
  private final ParameterStore ps;
  private final SgdNesterov optimizer;
  private final DmtlLoss loss;
  private final InputSpec input;

  /**
   * Creates the network and optimiser for {@code config}; weights are fresh (seeded) until {@link
   * #train} resumes or warm-starts them, or {@link #load} loads a checkpoint.
   *
   * @param listener receives progress; {@link TrainingListener#NONE} for none
   */
  public TrainingRun(TrainConfig config, Path runDir, TrainingListener listener) {
    this.config = config;
    this.folder = new RunFolder(runDir);
    this.listener = listener;
    Engine engine = Engine.getEngine("PyTorch");
    engine.setRandomSeed((int) config.seed());
    manager = engine.newBaseManager();
    TaskHeads heads = TaskHeads.utkFace(config.ageLoss() == AgeLoss.SOFTMAX);
    net = new DmtlNetwork(config.network(), heads);
    net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
    net.initialize(manager, DataType.FLOAT32, net.inputShape(2));
    ps = new ParameterStore(manager, false);
    optimizer =
        new SgdNesterov(
            net.getParameters(),
            manager,
            (float) config.momentum(),
            (float) config.weightDecay(),
            config.nesterov());
    loss = new DmtlLoss(heads, config.taskWeighting());
    int size = config.network().inputSize();
    input = new InputSpec("image", size, size, 255.0, MEAN, STD);
  }

  public DmtlNetwork network() {
    return net;
  }

  public InputSpec input() {
    return input;
  }

  public NDManager manager() {
    return manager;
  }

  public SgdNesterov optimizer() {
    return optimizer;
  }

  /** Number of trainable scalars. */
  public long parameterCount() {
    long n = 0;
    for (var p : optimizer.parameters()) {
      n += p.getValue().getArray().size();
    }
    return n;
  }

  /**
   * Trains from the state in the run folder (fresh when it has no checkpoint) to {@code
   * config.epochs()}, or for at most {@code sessionEpochs} epochs (0 = no limit): time-boxed
   * training that a later call resumes, with the schedule of the full run.
   */
  public Checkpoint.State train(TrainingData data, int sessionEpochs) throws IOException {
    folder.writeConfig(config);
    Checkpoint.State state = new Checkpoint.State(0, 0, Double.NEGATIVE_INFINITY);
    if (Files.isRegularFile(folder.lastCheckpoint())) {
      state = Checkpoint.load(folder.lastCheckpoint(), manager, net, optimizer);
      listener.resumed(folder.dir(), state.epoch(), state.step());
    } else if (config.initFrom() != null) {
      WarmStart.apply(this, Path.of(config.initFrom()), data, listener);
    }
    if (state.epoch() >= config.epochs()) {
      listener.alreadyComplete(config.epochs());
      return state;
    }
    FaceCache trainCache = data.train();
    BatchBuilder trainBatches = new BatchBuilder(trainCache, input, config.augmentation());
    int steps = trainCache.count() / config.batchSize();
    if (steps == 0) {
      throw new IllegalArgumentException(
          "fewer training images ("
              + trainCache.count()
              + ") than one batch ("
              + config.batchSize()
              + ")");
    }
    listener.training(
        parameterCount(), config.network().inputSize(), trainCache.count(), steps, config.epochs());
    LearningRateSchedule schedule =
        new LearningRateSchedule(
            config.schedule(),
            config.learningRate(),
            config.warmup(),
            (long) steps * config.epochs());
    CheckpointPolicy checkpoints = new CheckpointPolicy(folder, config.keepEpochCheckpoints());
    int lastEpoch =
        sessionEpochs > 0
            ? Math.min(config.epochs(), state.epoch() + sessionEpochs)
            : config.epochs();
    for (int epoch = state.epoch() + 1; epoch <= lastEpoch; epoch++) {
      EpochRecord trained = trainEpoch(epoch, trainBatches, steps, schedule, state.step());
      EpochRecord.ValidationMetrics v = validate(data.val());
      EpochRecord record =
          new EpochRecord(
              trained.epoch(),
              trained.seconds(),
              trained.imagesPerSecond(),
              trained.learningRate(),
              trained.trainLoss(),
              trained.taskLoss(),
              trained.logVariance(),
              trained.beta(),
              v);
      double score = score(v);
      boolean best = score > state.bestScore();
      state = new Checkpoint.State(epoch, state.step() + steps, Math.max(score, state.bestScore()));
      checkpoints.afterEpoch(state, best, net, optimizer);
      folder.appendHistory(record);
      listener.epochFinished(record, best, config.epochs());
    }
    return state;
  }

  /** The validation metrics of the current weights on {@code val}. */
  EpochRecord.ValidationMetrics validate(FaceCache val) {
    return Validation.run(
        net, ps, manager, val, new BatchBuilder(val, input, config.augmentation()), 0);
  }

  /**
   * One scalar to pick the best epoch: mean of gender and race accuracy and decade accuracy, minus
   * age MAE / 20 (so one year of MAE weighs like five points of accuracy).
   */
  static double score(EpochRecord.ValidationMetrics v) {
    return (v.genderAccuracy() + v.raceAccuracy() + v.decadeAccuracy()) / 3
        - v.ageMaeExpected() / 20;
  }

  private EpochRecord trainEpoch(
      int epoch, BatchBuilder batches, int steps, LearningRateSchedule schedule, long startStep) {
    long seedForEpoch = config.seed() * 1_000_003L + epoch;
    Random rng = new Random(seedForEpoch);
    Engine.getEngine("PyTorch").setRandomSeed((int) seedForEpoch);
    List<Integer> order = new ArrayList<>();
    FaceCache cache = batchesCache(batches);
    for (int i = 0; i < cache.count(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, rng);
    int b = config.batchSize();
    int size = config.network().inputSize();
    float[] buffer = new float[b * 3 * size * size];
    int tasks = net.heads().tasks().size();
    int[][] labels = new int[tasks][b];
    double lossSum = 0;
    double[] taskSums = new double[tasks];
    long t0 = System.nanoTime();
    double lr = 0;
    long reportEvery = Math.max(1, steps / 20);
    for (int s = 0; s < steps; s++) {
      for (int i = 0; i < b; i++) {
        int idx = order.get(s * b + i);
        batches.fill(buffer, i, idx, rng);
        FaceSample sample = cache.sample(idx);
        labels[net.heads().index("age")][i] = sample.age();
        labels[net.heads().index("gender")][i] = sample.gender();
        labels[net.heads().index("race")][i] = sample.race();
      }
      lr = schedule.at(startStep + s);
      try (NDScope scope = new NDScope()) {
        NDArray x = manager.create(FloatBuffer.wrap(buffer), net.inputShape(b));
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
          NDList out = net.forward(ps, new NDList(x), true);
          NDArray logVariance = net.uncertainty().logVariance().getArray();
          DmtlLoss.Result r = loss.compute(out, labels, logVariance);
          gc.backward(r.total());
          float total = r.total().getFloat();
          if (!Float.isFinite(total)) {
            throw new IllegalStateException(
                "loss became "
                    + total
                    + " at epoch "
                    + epoch
                    + " step "
                    + s
                    + " (learning rate "
                    + lr
                    + "): lower --lr");
          }
          lossSum += total;
          for (int t = 0; t < tasks; t++) {
            taskSums[t] += r.taskLosses().get(t).getFloat();
          }
        }
        optimizer.step((float) lr);
      }
      if ((s + 1) % reportEvery == 0 || s + 1 == steps) {
        double elapsed = (System.nanoTime() - t0) / 1e9;
        listener.step(
            new TrainingListener.StepProgress(
                epoch, s + 1, steps, lossSum / (s + 1), lr, (s + 1) * (double) b / elapsed));
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Double> taskLoss = new LinkedHashMap<>();
    Map<String, Double> logVar = new LinkedHashMap<>();
    float[] s = net.uncertainty().logVariance().getArray().toFloatArray();
    for (int t = 0; t < tasks; t++) {
      String name = net.heads().tasks().get(t).name();
      taskLoss.put(name, taskSums[t] / steps);
      logVar.put(name, (double) s[t]);
    }
    return new EpochRecord(
        epoch,
        seconds,
        steps * (double) b / seconds,
        lr,
        lossSum / steps,
        taskLoss,
        logVar,
        UncertaintyWeights.beta(logVar),
        null);
  }

  /** Loads weights from a checkpoint (for export and evaluation). */
  public Checkpoint.State load(Path checkpoint) throws IOException {
    return Checkpoint.load(checkpoint, manager, net, null);
  }

  public TrainConfig config() {
    return config;
  }

  /** Forward pass in inference mode. */
  public NDList predict(NDArray images) {
    return net.forward(ps, new NDList(images), false);
  }

  private static FaceCache batchesCache(BatchBuilder b) {
    return b.cache();
  }

  @Override
  public void close() {
    manager.close();
  }
}
