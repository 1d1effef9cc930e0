package dev.dmtl.audit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.audit.metrics.Proportion;
import org.junit.jupiter.api.Test;

/** The tests behind the significance flags. */
class DifferenceTestTest {

  @Test
  void proportionsUseThePooledTwoProportionTest() {
    // R: prop.test(c(20, 174), c(20, 200), correct = FALSE)$p.value = 0.08595977
    assertEquals(
        0.08595977457427166,
        DifferenceTest.proportions(new Proportion(20, 20), new Proportion(174, 200)),
        1e-12);
    assertEquals(1.0, DifferenceTest.proportions(new Proportion(0, 10), new Proportion(0, 30)), 0);
    assertTrue(
        Double.isNaN(DifferenceTest.proportions(new Proportion(0, 0), new Proportion(3, 9))));
  }

  @Test
  void otherMetricsUseTheBootstrapStandardError() {
    // resampled differences with standard deviation 1: d = 1.96 gives p = 0.05
    double[] samples = {-1, 1, -1, 1, -1, 1, -1, 1};
    double sd = Math.sqrt(8.0 / 7); // sample standard deviation of ±1
    assertEquals(0.05, DifferenceTest.bootstrap(1.959963984540054 * sd, samples, 8), 1e-9);
    assertTrue(Double.isNaN(DifferenceTest.bootstrap(0.3, new double[] {2, 2, 2}, 3)));
    assertTrue(
        Double.isNaN(DifferenceTest.bootstrap(0.3, new double[] {1, Double.NaN, Double.NaN}, 3)));
  }
}
