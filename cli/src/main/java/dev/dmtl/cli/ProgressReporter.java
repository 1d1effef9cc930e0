package dev.dmtl.cli;

import dev.dmtl.app.Progress;
import dev.dmtl.pipeline.RunProgress;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a run's progress on stderr while it runs: images done (of those listed so far), images/s,
 * dead letters. An interactive terminal gets a redrawn bar; a log (CI, a pipe) gets a plain line
 * every ten seconds. Counts come from {@link RunProgress}, so a run on a remote Flink cluster shows
 * none.
 */
final class ProgressReporter implements Progress.Display {

  private final ProgressBar bar;
  private final Thread poller;

  /**
   * @param terminal the console's stderr, used when {@code interactive}
   * @param log where plain progress lines go otherwise (the command's error writer)
   */
  ProgressReporter(
      String task, String runId, boolean interactive, PrintStream terminal, PrintWriter log) {
    ProgressBarConsumer consumer =
        interactive
            ? new ConsoleProgressBarConsumer(terminal)
            : new DelegatingProgressBarConsumer(
                line -> {
                  log.println(line);
                  log.flush();
                });
    bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(0)
            .setStyle(ProgressBarStyle.ASCII)
            .setUnit(" img", 1)
            .showSpeed()
            .setUpdateIntervalMillis(interactive ? 500 : 10_000)
            .setConsumer(consumer)
            .build();
    RunProgress progress = RunProgress.of(runId);
    poller =
        new Thread(
            () -> {
              try {
                while (!Thread.currentThread().isInterrupted()) {
                  update(progress);
                  Thread.sleep(Duration.ofMillis(250).toMillis());
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // asked to stop: the run is over
              }
              update(progress);
            },
            "dmtl-progress");
    poller.setDaemon(true);
    poller.start();
  }

  private void update(RunProgress progress) {
    bar.maxHint(progress.inputsSeen());
    bar.stepTo(progress.imagesDone());
    long skipped = progress.skippedKnown();
    bar.setExtraMessage(
        " "
            + progress.deadLetters()
            + " dead letters"
            + (skipped > 0 ? ", " + skipped + " skipped as known" : ""));
  }

  /**
   * The progress display of a command: none with {@code --quiet}; one line and no bar for a run on
   * a Flink cluster, whose workers report nothing to this JVM before the job ends; else a bar (a
   * redrawn one on a terminal, a line every ten seconds in a log).
   */
  static Progress of(CommonOptions common, String flinkMaster, PrintWriter log) {
    if (common.quiet()) {
      return Progress.NONE;
    }
    if (flinkMaster != null) {
      return (task, runId) -> {
        log.println(
            task
                + ": submitted to the Flink cluster at "
                + flinkMaster
                + "; counts come when the job ends (live view: http://"
                + flinkMaster
                + ")");
        log.flush();
        return () -> {};
      };
    }
    return (task, runId) ->
        new ProgressReporter(task, runId, Terminal.interactive(), System.err, log);
  }

  @Override
  public void close() {
    poller.interrupt();
    try {
      poller.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    bar.close();
  }
}
