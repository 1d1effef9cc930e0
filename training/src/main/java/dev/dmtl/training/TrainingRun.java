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
import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.decode.UncertaintyWeights;
import dev.dmtl.contract.labels.DataSplit;
import dev.dmtl.contract.model.InputSpec;
import dev.dmtl.training.data.Augmentation;
import dev.dmtl.training.data.BatchBuilder;
import dev.dmtl.training.data.FaceCache;
import dev.dmtl.training.data.FaceSample;
import dev.dmtl.training.data.UtkFaceIndex;
import dev.dmtl.training.export.OnnxImport;
import dev.dmtl.training.loss.AgeLoss;
import dev.dmtl.training.loss.DmtlLoss;
import dev.dmtl.training.net.DmtlNetwork;
import dev.dmtl.training.net.TaskHeads;
import dev.dmtl.training.optim.LearningRateSchedule;
import dev.dmtl.training.optim.SgdNesterov;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Algorithm 1 of the paper: for each epoch, for each mini-batch, forward all task heads, compute
 * the uncertainty-weighted joint loss, back-propagate through the shared trunk and the task
 * branches and the log-variances, update. Validation, history and a checkpoint after every epoch.
 */
public final class TrainingRun implements AutoCloseable {

  /** The normalisation the default model declares: ImageNet statistics on 0..1 pixels. */
  public static final List<Double> MEAN = List.of(0.485, 0.456, 0.406);
  public static final List<Double> STD = List.of(0.229, 0.224, 0.225);

  /** Images whose activations set the BatchNorm statistics of an imported model. */
  static final int CALIBRATION_IMAGES = 256;

  private final TrainConfig config;
  private final RunFolder folder;
  private final PrintStream log;
  private final NDManager manager;
  private final DmtlNetwork net;
  private final ParameterStore ps;
  private final SgdNesterov optimizer;
  private final DmtlLoss loss;
  private final InputSpec input;

  /** Creates the network and optimiser for {@code config}; weights are fresh (seeded) until {@link #resume}. */
  public TrainingRun(TrainConfig config, Path runDir, PrintStream log) {
    this.config = config;
    this.folder = new RunFolder(runDir);
    this.log = log;
    Engine engine = Engine.getEngine("PyTorch");
    engine.setRandomSeed((int) config.seed());
    manager = engine.newBaseManager();
    TaskHeads heads = TaskHeads.utkFace(config.ageLoss() == AgeLoss.SOFTMAX);
    net = new DmtlNetwork(config.network(), heads);
    net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
    net.initialize(manager, DataType.FLOAT32, net.inputShape(2));
    ps = new ParameterStore(manager, false);
    optimizer = new SgdNesterov(net.getParameters(), manager, (float) config.momentum(), (float) config.weightDecay(),
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
   * Trains from the state in the run folder (fresh when it has no checkpoint) to {@code config.epochs()}.
   *
   * @param cacheDir where decoded pixel caches live
   */
  public Checkpoint.State train(Path cacheDir, int sessionEpochs) throws IOException {
    Caches caches = caches(cacheDir);
    return train(caches.train(), caches.val(), sessionEpochs);
  }

  /** The decoded train and validation images of this run's data and input size. */
  public record Caches(FaceCache train, FaceCache val) {}

  /** Loads the run's train and validation caches from {@code cacheDir}, decoding them on first use. */
  public Caches caches(Path cacheDir) throws IOException {
    Path data = Path.of(config.data());
    UtkFaceIndex index = UtkFaceIndex.scan(data);
    List<FaceSample> train = limit(index.split(DataSplit.TRAIN), config.maxTrainImages());
    List<FaceSample> val = limit(index.split(DataSplit.VAL), config.maxValImages());
    int size = config.network().inputSize();
    FaceCache trainCache = FaceCache.loadOrBuild(data, train, size, cacheDir.resolve(cacheName("train", size, train.size())),
        done -> progress("decode train", done, train.size()));
    FaceCache valCache = FaceCache.loadOrBuild(data, val, size, cacheDir.resolve(cacheName("val", size, val.size())),
        done -> progress("decode val", done, val.size()));
    log.printf("data %s: %d train, %d val images (%d names without labels skipped), fingerprint %s%n", data,
        train.size(), val.size(), index.skipped(), trainCache.fingerprint());
    return new Caches(trainCache, valCache);
  }

  /** Trains on already decoded train and validation images (resuming from the run folder's checkpoint). */
  public Checkpoint.State train(FaceCache trainCache, FaceCache valCache) throws IOException {
    return train(trainCache, valCache, 0);
  }

  /**
   * Like {@link #train(FaceCache, FaceCache)} but returns after {@code sessionEpochs} epochs
   * (0 = no limit): time-boxed training that a later call resumes, with the schedule of the full run.
   */
  public Checkpoint.State train(FaceCache trainCache, FaceCache valCache, int sessionEpochs) throws IOException {
    folder.writeConfig(config);
    Checkpoint.State state = new Checkpoint.State(0, 0, Double.NEGATIVE_INFINITY);
    if (Files.isRegularFile(folder.lastCheckpoint())) {
      state = Checkpoint.load(folder.lastCheckpoint(), manager, net, optimizer);
      log.printf("resuming %s after epoch %d (step %d)%n", folder.dir(), state.epoch(), state.step());
    } else if (config.initFrom() != null) {
      Path init = Path.of(config.initFrom());
      if (init.getFileName().toString().endsWith(".onnx")) {
        importModel(init, trainCache, valCache);
      } else {
        Checkpoint.State from = Checkpoint.load(init, manager, net, null);
        log.printf("starting from the weights of %s (epoch %d of its run); new schedule and momentum%n", init,
            from.epoch());
      }
      optimizer.attachGradients();
    }
    if (state.epoch() >= config.epochs()) {
      log.printf("run already has %d of %d epochs%n", state.epoch(), config.epochs());
      return state;
    }
    int size = config.network().inputSize();
    log.printf("network: %d trainable parameters, input %d px, %d train images%n", parameterCount(), size,
        trainCache.count());
    BatchBuilder trainBatches = new BatchBuilder(trainCache, input, config.augmentation());
    BatchBuilder valBatches = new BatchBuilder(valCache, input, config.augmentation());
    int steps = trainCache.count() / config.batchSize();
    if (steps == 0) {
      throw new IllegalArgumentException("fewer training images (" + trainCache.count() + ") than one batch ("
          + config.batchSize() + ")");
    }
    LearningRateSchedule schedule = new LearningRateSchedule(config.schedule(), config.learningRate(), config.warmup(),
        (long) steps * config.epochs());
    int lastEpoch = sessionEpochs > 0 ? Math.min(config.epochs(), state.epoch() + sessionEpochs) : config.epochs();
    for (int epoch = state.epoch() + 1; epoch <= lastEpoch; epoch++) {
      EpochRecord record = trainEpoch(epoch, trainBatches, steps, schedule, state.step());
      long step = state.step() + steps;
      EpochRecord.ValidationMetrics v = Validation.run(net, ps, manager, valCache, valBatches, 0);
      record = new EpochRecord(record.epoch(), record.seconds(), record.imagesPerSecond(), record.learningRate(),
          record.trainLoss(), record.taskLoss(), record.logVariance(), record.beta(), v);
      double score = score(v);
      boolean best = score > state.bestScore();
      state = new Checkpoint.State(epoch, step, Math.max(score, state.bestScore()));
      Checkpoint.save(folder.lastCheckpoint(), state, net, optimizer);
      if (best) {
        Checkpoint.save(folder.bestCheckpoint(), state, net, null);
      }
      if (config.keepEpochCheckpoints()) {
        Checkpoint.save(folder.epochCheckpoint(epoch), state, net, null);
      }
      folder.appendHistory(record);
      log.printf("epoch %d/%d  %.0fs  %.1f img/s  loss %.4f  val: age MAE %.2f (exp %.2f) decade %.3f gender %.3f race %.3f"
          + "  beta %s%s%n", epoch, config.epochs(), record.seconds(), record.imagesPerSecond(), record.trainLoss(),
          v.ageMae(), v.ageMaeExpected(), v.decadeAccuracy(), v.genderAccuracy(), v.raceAccuracy(), fmt(record.beta()),
          best ? "  (best)" : "");
    }
    return state;
  }

  /**
   * Starts from an exported model: its weights, its log-variances and BatchNorm statistics measured
   * on the first training images (see {@link OnnxImport}); logs how the model does on validation
   * at this run's input size before any step, the baseline the run has to beat.
   */
  private void importModel(Path model, FaceCache trainCache, FaceCache valCache) throws IOException {
    int n = Math.min(CALIBRATION_IMAGES, trainCache.count());
    int s = config.network().inputSize();
    float[] images = new float[n * 3 * s * s];
    BatchBuilder builder = new BatchBuilder(trainCache, input, Augmentation.none());
    for (int i = 0; i < n; i++) {
      builder.fill(images, i, i, null);
    }
    OnnxImport.Result imported = OnnxImport.load(model, net, images, n);
    log.printf("starting from the exported model %s: %d layers, %d BatchNorms re-estimated on %d training images,"
        + " log-variances %s; new schedule and momentum%n", model, imported.layers(), imported.batchNorms(),
        imported.calibrationImages(), imported.logVariance());
    EpochRecord.ValidationMetrics v = Validation.run(net, ps, manager, valCache,
        new BatchBuilder(valCache, input, config.augmentation()), 0);
    log.printf("  before training, at %d px: val age MAE %.2f (exp %.2f) decade %.3f gender %.3f race %.3f%n", s,
        v.ageMae(), v.ageMaeExpected(), v.decadeAccuracy(), v.genderAccuracy(), v.raceAccuracy());
  }

  /**
   * One scalar to pick the best epoch: mean of gender and race accuracy and decade accuracy, minus
   * age MAE / 20 (so one year of MAE weighs like five points of accuracy).
   */
  static double score(EpochRecord.ValidationMetrics v) {
    return (v.genderAccuracy() + v.raceAccuracy() + v.decadeAccuracy()) / 3 - v.ageMaeExpected() / 20;
  }

  private EpochRecord trainEpoch(int epoch, BatchBuilder batches, int steps, LearningRateSchedule schedule, long startStep) {
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
            throw new IllegalStateException("loss became " + total + " at epoch " + epoch + " step " + s
                + " (learning rate " + lr + "): lower --lr");
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
        double rate = (s + 1) * (double) b / elapsed;
        double eta = (steps - s - 1) * (double) b / rate;
        log.printf("  epoch %d [%3d%%] step %d/%d  loss %.4f  lr %.4f  %.1f img/s  ETA %s%n", epoch,
            (s + 1) * 100 / steps, s + 1, steps, lossSum / (s + 1), lr, rate, duration(eta));
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
    return new EpochRecord(epoch, seconds, steps * (double) b / seconds, lr, lossSum / steps, taskLoss, logVar,
        UncertaintyWeights.beta(logVar), null);
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

  private void progress(String what, int done, int total) {
    if (done % 2000 == 0 || done == total) {
      log.printf("  %s %d/%d%n", what, done, total);
    }
  }

  private static String cacheName(String split, int size, int count) {
    return "utkface-" + split + "-" + size + "px-" + count + ".cache";
  }

  /**
   * At most {@code max} samples (0 = all): the first in the order of the SHA-256 of their names.
   * Not the first by name: UTKFace names start with the age, so that would be a few ages only.
   */
  static List<FaceSample> limit(List<FaceSample> samples, int max) {
    if (max <= 0 || samples.size() <= max) {
      return samples;
    }
    return samples.stream()
        .sorted(Comparator.comparing((FaceSample s) -> ContentHash.sha256Hex(s.name().getBytes(StandardCharsets.UTF_8))))
        .limit(max)
        .toList();
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }

  private static String fmt(Map<String, Double> m) {
    StringBuilder sb = new StringBuilder("{");
    m.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=').append(String.format("%.3f", v)));
    return sb.append('}').toString();
  }

  @Override
  public void close() {
    manager.close();
  }
}
