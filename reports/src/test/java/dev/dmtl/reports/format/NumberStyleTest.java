package dev.dmtl.reports.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class NumberStyleTest {

  @Test
  void writesEachStyleWithItsDecimals() {
    assertEquals("0.912", NumberStyle.PROPORTION.format(0.91234));
    assertEquals(
        "0.913", NumberStyle.PROPORTION.format(0.9125)); // half up on the decimal expansion
    assertEquals("5.43", NumberStyle.YEARS.format(5.4321));
    assertEquals("61.7", NumberStyle.YEARS_SQUARED.format(61.74));
    assertEquals("21348", NumberStyle.COUNT.format(21348.0));
    assertEquals("1.2346", NumberStyle.LOSS.format(1.23456));
    assertEquals("0.00100", NumberStyle.SIGNIFICANT.format(0.001));
    assertEquals("1.00e-05", NumberStyle.SIGNIFICANT.format(0.00001));
  }

  @Test
  void nanIsNaNeverZero() {
    for (NumberStyle s : NumberStyle.values()) {
      assertEquals("NA", s.format(Double.NaN), s.name());
    }
    assertEquals("Inf", NumberStyle.RATIO.format(Double.POSITIVE_INFINITY));
    assertEquals("-Inf", NumberStyle.RATIO.format(Double.NEGATIVE_INFINITY));
  }

  @Test
  void aRoundedZeroHasNoSign() {
    assertEquals("0.000", NumberStyle.PROPORTION.format(-0.0004));
    assertEquals("0.00", NumberStyle.YEARS.format(-0.001));
    assertEquals("-0.001", NumberStyle.PROPORTION.format(-0.0006));
  }

  @Test
  void ignoresTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      assertEquals("0.912", NumberStyle.PROPORTION.format(0.91234));
      assertEquals("1234567", NumberStyle.COUNT.format(1234567));
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void writesAValueApartFromAThresholdItRoundsTo() {
    assertEquals("0.0503", NumberStyle.PROPORTION.formatApart(0.0503, 0.05));
    assertEquals("0.050", NumberStyle.PROPORTION.formatApart(0.05, 0.05));
    assertEquals("0.071", NumberStyle.PROPORTION.formatApart(0.071, 0.05));
    assertEquals("2.004", NumberStyle.YEARS.formatApart(2.0041, 2.0));
    assertEquals("NA", NumberStyle.PROPORTION.formatApart(Double.NaN, 0.05));
  }

  @Test
  void everyMetricHasAStyleANameAndAnExplanation() {
    for (dev.dmtl.audit.metrics.Metric m : dev.dmtl.audit.metrics.Metric.values()) {
      org.junit.jupiter.api.Assertions.assertNotNull(MetricText.style(m));
      org.junit.jupiter.api.Assertions.assertFalse(MetricText.name(m).isBlank());
      org.junit.jupiter.api.Assertions.assertTrue(
          MetricText.explanation(m).length() > 30, m.name());
    }
  }

  @Test
  void namesMetricKeysWithoutRepeatingTheTask() {
    assertEquals(
        "gender accuracy",
        MetricText.name(
            dev.dmtl.audit.metrics.MetricKey.of("gender", dev.dmtl.audit.metrics.Metric.ACCURACY)));
    assertEquals(
        "age-group accuracy",
        MetricText.name(
            dev.dmtl.audit.metrics.MetricKey.of(
                "age", dev.dmtl.audit.metrics.Metric.GROUP_ACCURACY)));
    assertEquals(
        "coverage",
        MetricText.name(
            dev.dmtl.audit.metrics.MetricKey.of(
                "coverage", dev.dmtl.audit.metrics.Metric.COVERAGE)));
    assertEquals(
        "age CS(5)",
        MetricText.name(
            dev.dmtl.audit.metrics.MetricKey.ofK("age", dev.dmtl.audit.metrics.Metric.CS, 5)));
    assertEquals(
        "race recall (black)",
        MetricText.name(
            dev.dmtl.audit.metrics.MetricKey.ofClass(
                "race", dev.dmtl.audit.metrics.Metric.RECALL, "black")));
  }
}
