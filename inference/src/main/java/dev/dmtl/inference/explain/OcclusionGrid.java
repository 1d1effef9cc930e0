package dev.dmtl.inference.explain;

import dev.dmtl.inference.image.RgbImage;
import java.util.Collection;

/**
 * How the crop is cut into cells for occlusion: {@code size × size} cells over the model input,
 * each greyed in turn with one flat colour. Cell edges are {@code round(i · side / size)}, so every
 * pixel belongs to exactly one cell even when the side is not a multiple of {@code size}.
 *
 * @param size cells per side, at least 2
 * @param grey the 8-bit value written into R, G and B of an occluded pixel (128: mid grey, close to
 *     the ImageNet mean the bundled model is normalised with, so a patch carries little signal)
 */
public record OcclusionGrid(int size, int grey) {

  /** The grid {@code dmtl explain} uses unless told otherwise. */
  public static final int DEFAULT_SIZE = 7;

  /** Mid grey. */
  public static final int DEFAULT_GREY = 128;

  public OcclusionGrid {
    if (size < 2 || size > 64) {
      throw new IllegalArgumentException(
          "the occlusion grid must be 2..64 cells a side, got " + size);
    }
    if (grey < 0 || grey > 255) {
      throw new IllegalArgumentException("grey must be 0..255, got " + grey);
    }
  }

  public static OcclusionGrid of(int size) {
    return new OcclusionGrid(size, DEFAULT_GREY);
  }

  /** Number of cells, {@code size²}. */
  public int cells() {
    return size * size;
  }

  /**
   * Checks that a crop can be cut into this grid: each cell must cover at least one pixel.
   *
   * @throws IllegalArgumentException naming both sizes when the crop is smaller than the grid
   */
  public void requireFits(int width, int height) {
    if (width < size || height < size) {
      throw new IllegalArgumentException(
          "a "
              + width
              + "x"
              + height
              + " crop is smaller than the "
              + size
              + "x"
              + size
              + " occlusion grid");
    }
  }

  /**
   * A copy of {@code crop} with the given cells greyed.
   *
   * @param cells row-major cell indices, {@code row · size + column}
   */
  public RgbImage occlude(RgbImage crop, Collection<Integer> cells) {
    requireFits(crop.width(), crop.height());
    byte[] px = crop.data().clone();
    byte g = (byte) grey;
    for (int cell : cells) {
      int row = cell / size;
      int col = cell % size;
      int y0 = edge(row, crop.height());
      int y1 = edge(row + 1, crop.height());
      int x0 = edge(col, crop.width());
      int x1 = edge(col + 1, crop.width());
      for (int y = y0; y < y1; y++) {
        int from = (y * crop.width() + x0) * 3;
        int to = (y * crop.width() + x1) * 3;
        java.util.Arrays.fill(px, from, to, g);
      }
    }
    return new RgbImage(crop.width(), crop.height(), px);
  }

  private int edge(int i, int side) {
    return (int) Math.round((double) i * side / size);
  }
}
