package dev.dmtl.audit.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * A box over the aligned crop, derived from the face template's five landmarks, whose share of
 * attention the audit reports as a reading aid (docs/AUDIT.md, "Where the model looks").
 * Coordinates are fractions of the crop's width and height (0 at the left and top, 1 at the right
 * and bottom), so they hold for any map grid.
 *
 * @param name {@code face}, {@code eyes}, {@code nose} or {@code mouth}
 * @param left left edge, in [0, 1]
 * @param top top edge, in [0, 1]
 * @param right right edge, in [left, 1]
 * @param bottom bottom edge, in [top, 1]
 */
@JsonPropertyOrder({"name", "left", "top", "right", "bottom"})
public record SaliencyRegion(String name, double left, double top, double right, double bottom) {

  public SaliencyRegion {
    Objects.requireNonNull(name, "name");
    if (!(0 <= left && left <= right && right <= 1 && 0 <= top && top <= bottom && bottom <= 1)) {
      throw new IllegalArgumentException(
          "region "
              + name
              + " is not a box inside the crop: "
              + left
              + ", "
              + top
              + ", "
              + right
              + ", "
              + bottom);
    }
  }

  /**
   * The share of the map cell at {@code row}, {@code col} of a {@code height × width} grid that
   * lies inside this box (0–1): attention is taken to be spread evenly over a cell.
   */
  public double overlap(int row, int col, int height, int width) {
    double x0 = (double) col / width;
    double x1 = (double) (col + 1) / width;
    double y0 = (double) row / height;
    double y1 = (double) (row + 1) / height;
    double w = Math.max(0, Math.min(x1, right) - Math.max(x0, left));
    double h = Math.max(0, Math.min(y1, bottom) - Math.max(y0, top));
    return w * h / ((x1 - x0) * (y1 - y0));
  }
}
