package dev.dmtl.audit.saliency;

import dev.dmtl.audit.engine.GroupIndex;
import dev.dmtl.audit.engine.Population;
import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.input.FaceRows;
import dev.dmtl.audit.input.PredictionTable;
import dev.dmtl.audit.input.TaskColumns;
import dev.dmtl.audit.result.Saliency;
import dev.dmtl.audit.result.SaliencyGroup;
import dev.dmtl.audit.result.SaliencyRegion;
import dev.dmtl.audit.result.SaliencySubset;
import dev.dmtl.contract.model.FaceTemplate;
import dev.dmtl.contract.model.ModelContract;
import dev.dmtl.contract.rows.PredictionColumns;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit's group saliency: per task, group and subset (all faces, right answers, wrong answers)
 * the mean of the faces' normalised saliency maps, and the share of that mean inside each of the
 * template's {@link FaceRegions}.
 *
 * <p>Each face's map is clamped at 0 and divided by its sum, so every face contributes one unit of
 * attention however strong its raw map (a face whose map is zero everywhere after clamping
 * contributes nothing and is not counted). Sums run in the canonical face order in double
 * precision, so the result does not depend on how the files were written or read.
 *
 * <p>Memory: the normalised maps of every audited face are held once as floats ({@code 4 · cells}
 * bytes per face and task, about 600 bytes for three tasks on 7 × 7 maps).
 */
public final class GroupSaliency {

  /** An ordinal answer this close to the truth (ranks; years for age) counts as right. */
  public static final double ORDINAL_CORRECT_WITHIN = 5.0;

  private GroupSaliency() {}

  /**
   * The saliency section, or empty when the files carry no maps.
   *
   * @param keep the table rows the faces were encoded from, in face order
   * @param population the face population (its cells give each face's groups)
   * @param labelled whether answers can be right or wrong (a labelled audit)
   * @throws IOException when the files cannot be read
   */
  public static Optional<Saliency> compute(
      PredictionTable table,
      int[] keep,
      FaceRows faces,
      Population population,
      boolean labelled,
      int minGroupSize)
      throws IOException {
    Optional<PredictionTable.MapGrid> grid = table.mapGrid();
    if (grid.isEmpty()) {
      return Optional.empty();
    }
    int height = grid.get().height();
    int width = grid.get().width();
    int cells = height * width;
    List<TaskColumns> tasks = faces.tasks();
    float[][] maps = readNormalised(table, keep, tasks, cells);

    Optional<ModelContract> contract = table.contract();
    Optional<FaceTemplate> declared = contract.flatMap(ModelContract::template);
    FaceTemplate template =
        declared.orElseGet(
            () ->
                contract
                    .map(c -> FaceTemplate.defaultFor(c.input().width(), c.input().height()))
                    .orElse(FaceTemplate.defaultFor(112, 112)));
    List<SaliencyRegion> regions = FaceRegions.of(template);
    double[][] overlap = overlaps(regions, height, width);

    GroupIndex index = population.index();
    List<GroupKey> groups = index.groups();
    List<SaliencySubset> subsets =
        labelled
            ? List.of(SaliencySubset.ALL, SaliencySubset.CORRECT, SaliencySubset.WRONG)
            : List.of(SaliencySubset.ALL);
    List<SaliencyGroup> out = new ArrayList<>();
    for (int t = 0; t < tasks.size(); t++) {
      TaskColumns task = tasks.get(t);
      int s = subsets.size();
      double[][] sums = new double[groups.size() * s][cells];
      int[] counts = new int[groups.size() * s];
      for (int j = 0; j < faces.n(); j++) {
        if (Float.isNaN(maps[t][j * cells])) {
          continue;
        }
        int answer = labelled ? answer(task, j) : -1;
        for (int g : index.groupsOfCell(population.cellOf(j))) {
          add(sums[g * s], counts, g * s, maps[t], j, cells);
          if (answer >= 0) {
            int k = g * s + (answer == 1 ? 1 : 2);
            add(sums[k], counts, k, maps[t], j, cells);
          }
        }
      }
      for (int g = 0; g < groups.size(); g++) {
        for (int k = 0; k < s; k++) {
          int n = counts[g * s + k];
          if (n > 0) {
            out.add(
                group(task, groups.get(g), subsets.get(k), n, sums[g * s + k], regions, overlap));
          }
        }
      }
    }
    List<List<Double>> landmarks = new ArrayList<>();
    for (FaceTemplate.Point p : template.points()) {
      landmarks.add(List.of(round(p.x() / template.width()), round(p.y() / template.height())));
    }
    return Optional.of(
        new Saliency(
            grid.get().method(),
            height,
            width,
            declared.isPresent() ? "model" : "default",
            landmarks,
            regions,
            ORDINAL_CORRECT_WITHIN,
            minGroupSize,
            out));
  }

  /** 1 right, 0 wrong, -1 unknown truth or no answer. */
  private static int answer(TaskColumns task, int j) {
    if (task.truth() != null) {
      if (task.truth()[j] < 0 || task.predicted()[j] < 0) {
        return -1;
      }
      return task.truth()[j] == task.predicted()[j] ? 1 : 0;
    }
    double low = task.truthLow()[j];
    double high = task.truthHigh()[j];
    double rank = task.rank()[j];
    if (Double.isNaN(low) || Double.isNaN(high) || Double.isNaN(rank)) {
      return -1;
    }
    double error = Math.max(0, Math.max(low - rank, rank - high));
    return error <= ORDINAL_CORRECT_WITHIN ? 1 : 0;
  }

  private static void add(double[] sum, int[] counts, int k, float[] maps, int j, int cells) {
    for (int c = 0; c < cells; c++) {
      sum[c] += maps[j * cells + c];
    }
    counts[k]++;
  }

  private static SaliencyGroup group(
      TaskColumns task,
      GroupKey key,
      SaliencySubset subset,
      int n,
      double[] sum,
      List<SaliencyRegion> regions,
      double[][] overlap) {
    List<Double> mean = new ArrayList<>(sum.length);
    double[] m = new double[sum.length];
    for (int c = 0; c < sum.length; c++) {
      m[c] = sum[c] / n;
      mean.add(round(m[c]));
    }
    Map<String, Double> shares = new LinkedHashMap<>();
    double face = 0;
    for (int r = 0; r < regions.size(); r++) {
      double share = 0;
      for (int c = 0; c < m.length; c++) {
        share += m[c] * overlap[r][c];
      }
      if (regions.get(r).name().equals("face")) {
        face = share;
      }
      shares.put(regions.get(r).name(), round(share));
    }
    shares.put(Saliency.OUTSIDE_FACE, round(1 - face));
    return new SaliencyGroup(task.task().name(), key, subset, n, mean, shares);
  }

  /** Per region and cell, the share of the cell inside the region. */
  private static double[][] overlaps(List<SaliencyRegion> regions, int height, int width) {
    double[][] out = new double[regions.size()][height * width];
    for (int r = 0; r < regions.size(); r++) {
      for (int row = 0; row < height; row++) {
        for (int col = 0; col < width; col++) {
          out[r][row * width + col] = regions.get(r).overlap(row, col, height, width);
        }
      }
    }
    return out;
  }

  /**
   * Per task the faces' maps, clamped at 0 and divided by their sum, {@code cells} floats per face
   * in face order; a face without a usable map (none, or zero everywhere) has NaN in its first
   * cell.
   */
  private static float[][] readNormalised(
      PredictionTable table, int[] keep, List<TaskColumns> tasks, int cells) throws IOException {
    int[] faceOf = new int[table.rows()];
    Arrays.fill(faceOf, -1);
    for (int j = 0; j < keep.length; j++) {
      faceOf[keep[j]] = j;
    }
    List<String> columns = tasks.stream().map(t -> PredictionColumns.cam(t.task().name())).toList();
    float[][] maps = new float[tasks.size()][keep.length * cells];
    // rows arrive from several threads, each row once: every face's slots are written by one
    table.readLists(
        columns,
        (row, values, lengths) -> {
          int j = faceOf[row];
          if (j < 0) {
            return;
          }
          for (int t = 0; t < columns.size(); t++) {
            if (lengths[t] != cells && lengths[t] != -1) {
              throw new IllegalArgumentException(
                  "a "
                      + columns.get(t)
                      + " list has "
                      + lengths[t]
                      + " values where cam_height × cam_width is "
                      + cells);
            }
            double sum = 0;
            for (int c = 0; lengths[t] > 0 && c < cells; c++) {
              sum += Math.max(0f, values[t][c]);
            }
            if (!(sum > 0)) {
              maps[t][j * cells] = Float.NaN;
              continue;
            }
            for (int c = 0; c < cells; c++) {
              maps[t][j * cells + c] = (float) (Math.max(0f, values[t][c]) / sum);
            }
          }
        });
    return maps;
  }

  /** Six decimals: plenty for shares of attention, and a stable, compact JSON. */
  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
