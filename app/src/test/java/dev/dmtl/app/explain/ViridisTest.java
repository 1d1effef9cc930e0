package dev.dmtl.app.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import org.junit.jupiter.api.Test;

class ViridisTest {

  @Test
  void endsAndMiddleAreThePublishedColours() {
    assertEquals(new Color(0x440154), Viridis.at(0));
    assertEquals(new Color(0x21918c), Viridis.at(0.5));
    assertEquals(new Color(0xfde725), Viridis.at(1));
    assertEquals(Viridis.at(0), Viridis.at(-3), "clamped");
    assertEquals(Viridis.at(0), Viridis.at(Double.NaN));
  }

  @Test
  void lightnessRisesMonotonically() {
    // a perceptually ordered map gets lighter from low to high: a greyscale print keeps the order
    double last = -1;
    for (int i = 0; i <= 100; i++) {
      Color c = Viridis.at(i / 100.0);
      double luma = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
      assertTrue(luma > last, "at " + i);
      last = luma;
    }
  }
}
