package dev.dmtl.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.JobException;
import org.apache.flink.runtime.client.JobExecutionException;
import org.apache.flink.runtime.jobmanager.scheduler.NoResourceAvailableException;
import org.junit.jupiter.api.Test;

class RunFailedExceptionTest {

  @Test
  void aClusterThatLostItsWorkersNamesTheStrategyAndTheCauseInOneLine() {
    // the chain Beam's FlinkRunner throws when a TaskManager is gone for good (as seen in
    // scripts/fault-test.sh)
    RuntimeException failure =
        new RuntimeException(
            "Pipeline execution failed",
            new JobExecutionException(
                new JobID(),
                "Job execution failed.",
                new JobException(
                    "Recovery is suppressed by FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=3,"
                        + " backoffTimeMS=5000)",
                    new CompletionException(
                        new CompletionException(
                            new NoResourceAvailableException(
                                "Slot request bulk is not fulfillable! Could not allocate the"
                                    + " required slot within slot request timeout\nmore detail",
                                new TimeoutException("Timeout has occurred: 20000 ms")))))));
    RunFailedException e = RunFailedException.of(failure, "the Flink cluster at 127.0.0.1:18081");
    assertEquals(
        "the job on the Flink cluster at 127.0.0.1:18081 failed and its restart strategy gave up"
            + " (FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=3, backoffTimeMS=5000)):"
            + " NoResourceAvailableException: Slot request bulk is not fulfillable! Could not allocate the required slot"
            + " within slot request timeout (the cluster has fewer free task slots than the job's parallelism: a"
            + " TaskManager lost?); nothing was published",
        e.getMessage());
    assertSame(failure, e.getCause());
  }

  @Test
  void aFailingSetupNamesTheUserCodeException() {
    Exception open =
        new Exception(
            "The user defined 'open(Configuration)' method in class FlinkDoFnFunction caused an"
                + " exception: java.lang.IllegalStateException: boom",
            new IllegalStateException("boom"));
    RunFailedException e =
        RunFailedException.of(
            new RuntimeException("Pipeline execution failed", open), "embedded Flink");
    assertEquals(
        "the job on embedded Flink failed: IllegalStateException: boom; nothing was published",
        e.getMessage());
  }
}
