package dev.dmtl.reports.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinearScaleTest {

  @Test
  void mapsTheDomainOntoTheRange() {
    LinearScale s = new LinearScale(0, 1, 100, 300);
    assertEquals(100, s.apply(0), 1e-12);
    assertEquals(300, s.apply(1), 1e-12);
    assertEquals(150, s.apply(0.25), 1e-12);
    assertEquals(300, s.clamp(7), 1e-12);
  }

  @Test
  void picksNiceTicks() {
    assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), new LinearScale(0, 1, 0, 100).ticks(5));
    assertEquals(List.of(0.0, 5.0, 10.0, 15.0, 20.0), new LinearScale(0, 20, 0, 100).ticks(4));
    LinearScale nice = LinearScale.nice(1.62, 10.34, 0, 100, 5);
    assertEquals(0, nice.domainMin(), 1e-12);
    assertEquals(12, nice.domainMax(), 1e-12);
  }

  @Test
  void widensAFlatRange() {
    LinearScale s = LinearScale.nice(5, 5, 0, 100, 5);
    assertEquals(true, s.domainMin() < 5 && s.domainMax() > 5);
    LinearScale none = LinearScale.nice(Double.NaN, Double.NaN, 0, 100, 5);
    assertEquals(0, none.domainMin(), 1e-12);
    assertEquals(1, none.domainMax(), 1e-12);
  }
}
