package dev.dmtl.pipeline;

import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * Runs Beam's {@link TestPipeline} (a JUnit 4 rule) from JUnit 5 tests: the rule's statement wraps
 * the test body, so its checks (every PAssert ran, no abandoned transforms) still apply.
 */
public final class Pipelines {

  /** The test body: builds on the pipeline, runs it, asserts. */
  @FunctionalInterface
  public interface Body {
    void run(TestPipeline pipeline) throws Exception;
  }

  private Pipelines() {}

  public static void test(Class<?> testClass, String name, Body body) throws Throwable {
    TestPipeline pipeline = TestPipeline.create();
    pipeline
        .apply(
            new Statement() {
              @Override
              public void evaluate() throws Throwable {
                body.run(pipeline);
              }
            },
            Description.createTestDescription(testClass, name))
        .evaluate();
  }

  /** A dmtl counter's attempted value (0 when it never moved). */
  public static long counter(PipelineResult result, String name) {
    MetricQueryResults q =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(RunCounters.NAMESPACE, name))
                    .build());
    long total = 0;
    for (MetricResult<Long> c : q.getCounters()) {
      total += c.getAttempted();
    }
    return total;
  }

  /** The batch-size distribution of a run. */
  public static DistributionResult batches(PipelineResult result) {
    MetricQueryResults q =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(
                        MetricNameFilter.named(RunCounters.NAMESPACE, RunCounters.BATCH_SIZE))
                    .build());
    for (MetricResult<DistributionResult> d : q.getDistributions()) {
      return d.getAttempted();
    }
    return DistributionResult.IDENTITY_ELEMENT;
  }
}
