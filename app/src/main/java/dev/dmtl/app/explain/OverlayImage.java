package dev.dmtl.app.explain;

import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.model.TaskSpec;
import dev.dmtl.inference.explain.SaliencyMap;
import dev.dmtl.inference.explain.SaliencyMethod;
import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.inference.model.FacePrediction;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws one face's explanation as a PNG: the aligned crop, then one panel per task with the map
 * over the crop (viridis, half transparent, interpolated between cell centres), the task's answer
 * above it and a colour bar with its range and unit below. The method's name heads the image, so a
 * copied picture still says what it shows (occlusion sensitivity or class activation map).
 */
public final class OverlayImage {

  /** Side of each panel in pixels; crops are scaled to it. */
  static final int PANEL = 176;

  private static final int PAD = 12;
  private static final int HEADER = 26;
  private static final int TITLE = 18;
  private static final int BAR = 10;
  private static final int FOOTER = 44;
  private static final float OVERLAY_ALPHA = 0.55f;

  private OverlayImage() {}

  /**
   * @param crop the aligned crop the model saw
   * @param prediction the prediction for the whole crop
   * @param tasks the explained tasks, each with its map in {@code maps}
   * @param maps one per task, all made by {@code method}, all of one grid
   * @param method how the maps were made; named in the title
   * @param caption a short line under the header (e.g. the input file and face)
   */
  public static BufferedImage draw(
      RgbImage crop,
      FacePrediction prediction,
      List<TaskSpec> tasks,
      List<SaliencyMap> maps,
      SaliencyMethod method,
      String caption) {
    int panels = 1 + tasks.size();
    int width = PAD + panels * (PANEL + PAD);
    int height = HEADER + TITLE + 14 + PANEL + FOOTER + PAD;
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
      g.drawString(title(method, maps.get(0)), PAD, 18);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      g.drawString(caption, PAD, HEADER + 10);
      int top = HEADER + TITLE + 14;
      BufferedImage face = toImage(crop);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.drawString("input (aligned crop)", PAD, top - 5);
      g.drawImage(face, PAD, top, PANEL, PANEL, null);
      for (int t = 0; t < tasks.size(); t++) {
        int x = PAD + (t + 1) * (PANEL + PAD);
        TaskSpec task = tasks.get(t);
        SaliencyMap map = maps.get(t);
        g.setColor(Color.BLACK);
        g.drawString(answer(task, prediction), x, top - 5);
        g.drawImage(face, x, top, PANEL, PANEL, null);
        Range range = Range.of(map);
        BufferedImage heat = heat(map, range);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, OVERLAY_ALPHA));
        g.drawImage(heat, x, top, PANEL, PANEL, null);
        g.setComposite(AlphaComposite.SrcOver);
        legend(g, x, top + PANEL + 6, range, MapMeaning.of(method, task, prediction).unit());
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  private static String title(SaliencyMethod method, SaliencyMap map) {
    String grid = map.height() + "x" + map.width();
    return method == SaliencyMethod.OCCLUSION
        ? method.description()
            + " ("
            + grid
            + " grey patches): where greying the face changes the answer"
        : method.description()
            + " (exact, "
            + grid
            + " feature map): where each answer's evidence lies";
  }

  /** Writes {@code image} as a PNG. */
  public static void write(BufferedImage image, Path file) throws IOException {
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer in this Java runtime for " + file);
    }
  }

  /** The range the colours span: from 0 (or the lowest value, if below 0) to the highest. */
  record Range(double low, double high) {
    static Range of(SaliencyMap map) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (float v : map.values()) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      double low = Math.min(0, min);
      double high = Math.max(max, low + 1e-6);
      return new Range(low, high);
    }

    double position(double v) {
      return (v - low) / (high - low);
    }
  }

  private static void legend(Graphics2D g, int x, int y, Range range, String unit) {
    for (int i = 0; i < PANEL; i++) {
      g.setColor(Viridis.at(i / (double) (PANEL - 1)));
      g.fillRect(x + i, y, 1, BAR);
    }
    g.setColor(Color.BLACK);
    g.drawRect(x, y, PANEL - 1, BAR);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    String low = number(range.low());
    String high = number(range.high());
    g.drawString(low, x, y + BAR + 12);
    if (range.low() < 0 && !low.equals("0")) {
      // a signed map: mark where "no change" is, so negative cells (greying made the model surer)
      // are not read as weak support
      int zero = x + (int) Math.round(range.position(0) * (PANEL - 1));
      g.drawLine(zero, y - 2, zero, y + BAR + 2);
      String z = "0";
      int zx = zero - g.getFontMetrics().stringWidth(z) / 2;
      int lowEnd = x + g.getFontMetrics().stringWidth(low) + 3;
      if (zx > lowEnd) {
        g.drawString(z, zx, y + BAR + 12);
      }
    }
    g.drawString(high, x + PANEL - g.getFontMetrics().stringWidth(high), y + BAR + 12);
    g.drawString(unit, x, y + BAR + 26);
  }

  private static String answer(TaskSpec task, FacePrediction p) {
    if (task.kind() == TaskKind.ORDINAL) {
      return String.format(
          Locale.ROOT, "%s: %.1f (expected)", task.name(), p.ordinal(task.name()).expectedRank());
    }
    var n = p.nominal(task.name());
    return String.format(Locale.ROOT, "%s: %s (p %.2f)", task.name(), n.label(), n.confidence());
  }

  private static String number(double v) {
    if (Math.abs(v) < 5e-4) {
      return "0"; // not "-0.000" for a tiny negative low end
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.3f", v);
  }

  /** The map at panel size, bilinear between cell centres (cells are not pixels of the face). */
  private static BufferedImage heat(SaliencyMap map, Range range) {
    int rows = map.height();
    int cols = map.width();
    BufferedImage heat = new BufferedImage(PANEL, PANEL, BufferedImage.TYPE_INT_RGB);
    for (int py = 0; py < PANEL; py++) {
      double cy = clamp((py + 0.5) * rows / PANEL - 0.5, rows);
      int r0 = (int) Math.floor(cy);
      int r1 = Math.min(rows - 1, r0 + 1);
      double fy = cy - r0;
      for (int px = 0; px < PANEL; px++) {
        double cx = clamp((px + 0.5) * cols / PANEL - 0.5, cols);
        int c0 = (int) Math.floor(cx);
        int c1 = Math.min(cols - 1, c0 + 1);
        double fx = cx - c0;
        double v =
            (1 - fy) * ((1 - fx) * map.at(r0, c0) + fx * map.at(r0, c1))
                + fy * ((1 - fx) * map.at(r1, c0) + fx * map.at(r1, c1));
        heat.setRGB(px, py, Viridis.at(range.position(v)).getRGB());
      }
    }
    return heat;
  }

  private static double clamp(double c, int n) {
    return Math.max(0, Math.min(n - 1, c));
  }

  private static BufferedImage toImage(RgbImage crop) {
    BufferedImage image =
        new BufferedImage(crop.width(), crop.height(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < crop.height(); y++) {
      for (int x = 0; x < crop.width(); x++) {
        int rgb = (crop.sample(x, y, 0) << 16) | (crop.sample(x, y, 1) << 8) | crop.sample(x, y, 2);
        image.setRGB(x, y, rgb);
      }
    }
    return image;
  }
}
