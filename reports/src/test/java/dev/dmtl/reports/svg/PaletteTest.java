package dev.dmtl.reports.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PaletteTest {

  @Test
  void heatmapTextKeepsAaContrastOverTheWholeScale() {
    for (int i = 0; i <= 1000; i++) {
      double share = i / 1000.0;
      double ratio = Palette.contrast(Palette.heat(share), Palette.heatText(share));
      assertTrue(ratio >= 4.5, "contrast " + ratio + " at share " + share);
    }
  }

  @Test
  void heatmapRunsFromWhiteToOkabeItoBlue() {
    assertEquals("#FFFFFF", Palette.heat(0));
    assertEquals("#FFFFFF", Palette.heat(Double.NaN));
    assertEquals("#0072B2", Palette.heat(1));
  }

  @Test
  void seriesColoursStandOutFromWhite() {
    for (int i = 0; i < 7; i++) {
      double ratio = Palette.contrast(Palette.colour(i), "#FFFFFF");
      assertTrue(ratio >= 3, "series " + i + " " + Palette.colour(i) + " has contrast " + ratio);
    }
  }

  @Test
  void seriesThatShareAColourDoNotShareADash() {
    for (int i = 0; i < 7; i++) {
      assertEquals(Palette.colour(i), Palette.colour(i + 7));
      assertNotEquals(Palette.dash(i), Palette.dash(i + 7), "series " + i);
    }
  }

  @Test
  void contrastOfKnownPairs() {
    assertEquals(21.0, Palette.contrast("#000000", "#FFFFFF"), 1e-9);
    assertEquals(1.0, Palette.contrast("#0072B2", "#0072B2"), 1e-9);
  }
}
