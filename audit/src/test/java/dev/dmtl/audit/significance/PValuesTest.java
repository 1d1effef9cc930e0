package dev.dmtl.audit.significance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dmtl.audit.config.Correction;
import org.junit.jupiter.api.Test;

/** The corrections against R's {@code p.adjust}, values worked by hand. */
class PValuesTest {

  private static final double[] P = {0.01, 0.04, 0.03, 0.005};

  @Test
  void holmMatchesR() {
    // p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm")
    assertArrayEquals(
        new double[] {0.03, 0.06, 0.06, 0.02}, PValues.adjust(P, Correction.HOLM), 1e-12);
  }

  @Test
  void benjaminiHochbergMatchesR() {
    // p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH")
    assertArrayEquals(
        new double[] {0.02, 0.04, 0.04, 0.02}, PValues.adjust(P, Correction.BH), 1e-12);
  }

  @Test
  void untestedValuesStayOutOfTheFamily() {
    double[] p = {0.01, Double.NaN, 0.04, 0.03, 0.005};
    double[] holm = PValues.adjust(p, Correction.HOLM);
    assertEquals(0.03, holm[0], 1e-12);
    assertEquals(Double.NaN, holm[1]);
    assertEquals(0.06, holm[2], 1e-12);
    assertArrayEquals(p, PValues.adjust(p, Correction.NONE), 0);
    // capped at 1
    assertEquals(1.0, PValues.adjust(new double[] {0.6, 0.7}, Correction.HOLM)[1], 0);
  }
}
