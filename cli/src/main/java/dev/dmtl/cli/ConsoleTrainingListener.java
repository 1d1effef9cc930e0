package dev.dmtl.cli;

import dev.dmtl.contract.training.EpochRecord;
import dev.dmtl.training.TrainingListener;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a training run on stderr: what the run starts from, a progress bar per epoch (steps, loss,
 * learning rate, images/s, with the bar's own ETA), and one line per finished epoch with its
 * validation. On a terminal the bar is redrawn; in a log (CI, a pipe) it is a line now and then.
 */
final class ConsoleTrainingListener implements TrainingListener, AutoCloseable {

  private final boolean interactive;
  private final PrintStream terminal;
  private final PrintWriter log;
  private ProgressBar bar;
  private int barEpoch;

  /**
   * @param interactive whether stderr is a terminal
   * @param terminal the console's stderr, for the redrawn bar
   * @param log the command's error writer, for lines
   */
  ConsoleTrainingListener(boolean interactive, PrintStream terminal, PrintWriter log) {
    this.interactive = interactive;
    this.terminal = terminal;
    this.log = log;
  }

  @Override
  public void decoding(String split, int done, int total) {
    line(String.format(Locale.ROOT, "  decode %s %d/%d", split, done, total));
  }

  @Override
  public void dataReady(DataSummary d) {
    line(
        String.format(
            Locale.ROOT,
            "data %s: %d train, %d val images (%d names without labels skipped), fingerprint %s",
            d.folder(),
            d.train(),
            d.validation(),
            d.skipped(),
            d.fingerprint()));
  }

  @Override
  public void resumed(Path run, int epoch, long step) {
    line(String.format(Locale.ROOT, "resuming %s after epoch %d (step %d)", run, epoch, step));
  }

  @Override
  public void startedFromCheckpoint(Path checkpoint, int itsEpoch) {
    line(
        String.format(
            Locale.ROOT,
            "starting from the weights of %s (epoch %d of its run); new schedule and momentum",
            checkpoint,
            itsEpoch));
  }

  @Override
  public void startedFromModel(Path model, ModelImport imported, EpochRecord.ValidationMetrics v) {
    line(
        String.format(
            Locale.ROOT,
            "starting from the exported model %s: %d layers, %d BatchNorms re-estimated on %d "
                + "training images, log-variances %s; new schedule and momentum",
            model,
            imported.layers(),
            imported.batchNorms(),
            imported.calibrationImages(),
            format(imported.logVariance())));
    line("  before training: " + validation(v));
  }

  @Override
  public void alreadyComplete(int epochs) {
    line("run already has its " + epochs + " epochs");
  }

  @Override
  public void training(
      long parameters, int inputSize, int trainImages, int stepsPerEpoch, int epochs) {
    line(
        String.format(
            Locale.ROOT,
            "network: %,d trainable parameters, input %d px, %d train images, %d steps an epoch",
            parameters,
            inputSize,
            trainImages,
            stepsPerEpoch));
  }

  @Override
  public void step(StepProgress p) {
    if (bar == null || barEpoch != p.epoch()) {
      closeBar();
      bar = newBar("epoch " + p.epoch(), p.steps());
      barEpoch = p.epoch();
    }
    bar.stepTo(p.step());
    bar.setExtraMessage(
        String.format(
            Locale.ROOT,
            " loss %.4f lr %.4f %.1f img/s",
            p.meanLoss(),
            p.learningRate(),
            p.imagesPerSecond()));
  }

  @Override
  public void epochFinished(EpochRecord r, boolean best, int epochs) {
    closeBar();
    line(
        String.format(
            Locale.ROOT,
            "epoch %d/%d  %.0fs  %.1f img/s  loss %.4f  val: %s  beta %s%s",
            r.epoch(),
            epochs,
            r.seconds(),
            r.imagesPerSecond(),
            r.trainLoss(),
            validation(r.validation()),
            format(r.beta()),
            best ? "  (best)" : ""));
  }

  @Override
  public void close() {
    closeBar();
  }

  private ProgressBar newBar(String task, int steps) {
    ProgressBarConsumer consumer =
        interactive
            ? new ConsoleProgressBarConsumer(terminal)
            : new DelegatingProgressBarConsumer(this::line);
    return new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(steps)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" steps", 1)
        .setUpdateIntervalMillis(interactive ? 500 : 30_000)
        .setConsumer(consumer)
        .build();
  }

  private void closeBar() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  private void line(String text) {
    log.println(text);
    log.flush();
  }

  private static String validation(EpochRecord.ValidationMetrics v) {
    return String.format(
        Locale.ROOT,
        "age MAE %.2f (exp %.2f) decade %.3f gender %.3f race %.3f",
        v.ageMae(),
        v.ageMaeExpected(),
        v.decadeAccuracy(),
        v.genderAccuracy(),
        v.raceAccuracy());
  }

  private static String format(Map<String, Double> m) {
    return m.entrySet().stream()
        .map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%.3f", e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
