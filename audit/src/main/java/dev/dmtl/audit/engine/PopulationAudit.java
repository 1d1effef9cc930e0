package dev.dmtl.audit.engine;

import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.GapKind;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.metrics.TaskContext;
import dev.dmtl.audit.metrics.Wilson;
import dev.dmtl.audit.result.ConfusionMatrix;
import dev.dmtl.audit.result.Estimate;
import dev.dmtl.audit.result.GapResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.Interval;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.audit.result.ReliabilityDiagram;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Audits one {@link Population}: point values on all rows, the bootstrap, then typed group results,
 * gaps and confusion matrices. The minimum group size is applied here, to what is reported;
 * resamples compute every metric whatever their group sizes.
 */
public final class PopulationAudit {

  /**
   * @param minGroupSize per task, groups with fewer rows are insufficient
   * @param resamples bootstrap resamples (0 = no intervals)
   * @param seed bootstrap seed
   * @param confidenceLevel interval level
   * @param threads bootstrap threads
   * @param references reference groups asked for (others: largest group)
   */
  public record Settings(
      int minGroupSize,
      int resamples,
      long seed,
      double confidenceLevel,
      int threads,
      List<GroupKey> references) {}

  /**
   * @param groups every group, in {@link GroupIndex} order
   * @param gaps every gap
   * @param confusionMatrices see {@link ConfusionMatrix}
   * @param reliability the reliability diagrams of the overall group and of every single-attribute
   *     group
   */
  public record Outcome(
      List<GroupResult> groups,
      List<GapResult> gaps,
      List<ConfusionMatrix> confusionMatrices,
      List<ReliabilityDiagram> reliability) {}

  private PopulationAudit() {}

  public static Outcome run(Population population, Settings settings) {
    GroupIndex index = population.index();
    MetricLayout layout = new MetricLayout(population);
    int k = layout.keyCount();
    int groups = index.groupCount();
    int blocks = population.blocks().size();

    double[] pointStats = population.groupStats(null, population.scratch());
    double[] point = layout.values(pointStats);
    boolean[][] sufficient = new boolean[groups][blocks];
    for (int g = 0; g < groups; g++) {
      for (int t = 0; t < blocks; t++) {
        sufficient[g][t] = point[g * k + layout.nColumn(t)] >= settings.minGroupSize();
      }
    }
    int[] references = references(index, layout, pointStats, settings.references());
    GapPlan plan = new GapPlan(population, layout, point, sufficient, references);
    Bootstrap.Samples samples =
        Bootstrap.run(
            population, layout, plan, settings.resamples(), settings.seed(), settings.threads());
    PercentileInterval interval = new PercentileInterval(settings.confidenceLevel());
    double z = Wilson.z(settings.confidenceLevel());

    // groups are independent: assembled on `threads` workers, each into its own slot
    GroupAssembler assembler =
        new GroupAssembler(
            index, layout, point, pointStats, sufficient, references, samples, interval, z);
    GroupResult[] assembled = new GroupResult[groups];
    ForkJoinPool pool = new ForkJoinPool(Math.max(1, settings.threads()));
    try {
      pool.submit(
              () ->
                  IntStream.range(0, groups)
                      .parallel()
                      .forEach(g -> assembled[g] = assembler.group(g)))
          .get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "assembling group results failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while assembling group results", e);
    } finally {
      pool.shutdownNow();
    }
    return new Outcome(
        List.of(assembled),
        gaps(population, plan, point, samples, sufficient, interval),
        confusionMatrices(population, pointStats, sufficient),
        reliability(population, pointStats));
  }

  private static List<ReliabilityDiagram> reliability(Population population, double[] pointStats) {
    GroupIndex index = population.index();
    List<ReliabilityDiagram> out = new ArrayList<>();
    for (int g = 0; g < index.groupCount(); g++) {
      GroupKey key = index.groups().get(g);
      if (key.grouping().order() > 1) {
        continue;
      }
      for (int t = 0; t < population.blocks().size(); t++) {
        TaskBlock block = population.blocks().get(t);
        int offset = g * population.stride() + population.offset(t);
        for (TaskBlock.Reliability r : block.reliability(pointStats, offset)) {
          out.add(ReliabilityDiagram.of(key, block.task(), r.kind(), r.edges(), r.sums()));
        }
      }
    }
    return out;
  }

  private static List<GapResult> gaps(
      Population population,
      GapPlan plan,
      double[] point,
      Bootstrap.Samples samples,
      boolean[][] sufficient,
      PercentileInterval interval) {
    GroupIndex index = population.index();
    int b = samples.resamples();
    double[] column = new double[b];
    List<GapResult> gaps = new ArrayList<>();
    for (int s = 0; s < plan.specs().size(); s++) {
      GapPlan.Spec spec = plan.specs().get(s);
      GapPlan.Detail d = plan.detail(spec, point);
      for (int r = 0; r < b; r++) {
        column[r] = samples.gaps()[r][s];
      }
      Estimate estimate = estimate(d.value(), column, b, interval);
      int compared =
          spec.kind().isTaskLevel()
              ? countSufficient(index.groupsOf(spec.grouping()), spec.block(), sufficient)
              : spec.eligible().length;
      Grouping grouping = index.groupings().get(spec.grouping());
      GroupKey min = d.minGroup() < 0 ? null : index.groups().get(d.minGroup());
      GroupKey max = d.maxGroup() < 0 ? null : index.groups().get(d.maxGroup());
      GroupKey reference =
          spec.kind() == GapKind.VS_REFERENCE && spec.reference() >= 0
              ? index.groups().get(spec.reference())
              : null;
      String label = d.classIndex() < 0 ? null : spec.classLabels().get(d.classIndex());
      gaps.add(
          new GapResult(
              grouping,
              population.blocks().get(spec.block()).task(),
              spec.metric(),
              spec.kind(),
              estimate,
              compared,
              min,
              max,
              reference,
              label));
    }
    return gaps;
  }

  private static List<ConfusionMatrix> confusionMatrices(
      Population population, double[] pointStats, boolean[][] sufficient) {
    GroupIndex index = population.index();
    int groups = index.groupCount();
    List<ConfusionMatrix> matrices = new ArrayList<>();
    for (int t = 0; t < population.blocks().size(); t++) {
      TaskBlock block = population.blocks().get(t);
      for (int g = 0; g < groups; g++) {
        GroupKey key = index.groups().get(g);
        if (key.grouping().contains(block.task())) {
          continue; // within race=black the race matrix is one row of the race matrix itself
        }
        long[][] counts =
            block.confusion(pointStats, g * population.stride() + population.offset(t));
        if (counts == null) {
          break;
        }
        matrices.add(
            new ConfusionMatrix(key, block.task(), block.classes(), counts, !sufficient[g][t]));
      }
    }
    return matrices;
  }

  private static int countSufficient(int[] members, int block, boolean[][] sufficient) {
    int c = 0;
    for (int g : members) {
      if (sufficient[g][block]) {
        c++;
      }
    }
    return c;
  }

  private static double ratio(double a, double b) {
    return b == 0 ? Double.NaN : a / b;
  }

  /** The point value with its interval; reorders {@code samples}. */
  private static Estimate estimate(
      double value, double[] samples, int b, PercentileInterval interval) {
    if (Double.isNaN(value) || b == 0) {
      return Estimate.of(value);
    }
    double[] ci = interval.of(samples, b);
    return new Estimate(value, ci[0], ci[1]);
  }

  /**
   * Per grouping the reference group index: the one asked for, else the group with most rows (first
   * on ties); -1 for the overall grouping.
   */
  static int[] references(
      GroupIndex index, MetricLayout layout, double[] pointStats, List<GroupKey> asked) {
    int[] refs = new int[index.groupings().size()];
    refs[0] = -1;
    for (int gi = 1; gi < refs.length; gi++) {
      Grouping grouping = index.groupings().get(gi);
      GroupKey wanted =
          asked.stream()
              .filter(r -> r.grouping().sameAttributes(grouping))
              .findFirst()
              .orElse(null);
      int best = -1;
      for (int g : index.groupsOf(gi)) {
        if (wanted != null) {
          if (index.groups().get(g).sameGroup(wanted)) {
            best = g;
          }
        } else if (best < 0 || preferred(index, layout, pointStats, g, best)) {
          best = g;
        }
      }
      if (wanted != null && best < 0) {
        throw new IllegalArgumentException(
            "reference group "
                + wanted.id()
                + " does not exist; "
                + grouping.id()
                + " has groups "
                + java.util.Arrays.stream(index.groupsOf(gi))
                    .mapToObj(g -> index.groups().get(g).id())
                    .toList());
      }
      refs[gi] = best;
    }
    return refs;
  }

  /**
   * Whether group {@code g} makes a better default reference than {@code best}: a known group over
   * an {@code unknown} one (the inputs whose attribute is missing are no standard to compare with),
   * then the larger.
   */
  private static boolean preferred(
      GroupIndex index, MetricLayout layout, double[] pointStats, int g, int best) {
    boolean unknown = index.groups().get(g).hasUnknown();
    boolean bestUnknown = index.groups().get(best).hasUnknown();
    if (unknown != bestUnknown) {
      return bestUnknown;
    }
    return layout.rows(pointStats, g) > layout.rows(pointStats, best);
  }

  /** Builds one group's typed result from the point values and the bootstrap samples. */
  private record GroupAssembler(
      GroupIndex index,
      MetricLayout layout,
      double[] point,
      double[] pointStats,
      boolean[][] sufficient,
      int[] references,
      Bootstrap.Samples samples,
      PercentileInterval interval,
      double z) {

    GroupResult group(int g) {
      int k = layout.keyCount();
      int b = samples.resamples();
      double[] column = new double[b];
      int ref = references[index.groupingOf(g)];
      List<MetricResult> metrics = new ArrayList<>(k);
      for (int col = 0; col < k; col++) {
        MetricKey key = layout.keys().get(col);
        int t = layout.blockOf(col);
        long n = Math.round(point[g * k + layout.nColumn(t)]);
        if (col == layout.nColumn(t)) {
          // n is a count, not an estimate: always reported, never NaN
          metrics.add(
              new MetricResult(
                  key,
                  n,
                  !sufficient[g][t],
                  Estimate.of((double) n),
                  Interval.NONE,
                  Estimate.NAN,
                  Estimate.NAN,
                  Estimate.NAN));
          continue;
        }
        if (!sufficient[g][t]) {
          metrics.add(
              new MetricResult(
                  key,
                  n,
                  true,
                  Estimate.NAN,
                  Interval.NONE,
                  Estimate.NAN,
                  Estimate.NAN,
                  Estimate.NAN));
          continue;
        }
        int at = g * k + col;
        int q = layout.qualifierOf(col);
        double value = point[at];
        for (int r = 0; r < b; r++) {
          column[r] = samples.values()[r][at];
        }
        Estimate estimate = estimate(value, column, b, interval);
        Interval wilson = Interval.NONE;
        if (key.metric().isProportion()) {
          TaskContext ctx = layout.context(pointStats, g, t);
          double[] w = Wilson.interval(key.metric().proportion(ctx, layout.qualifierOf(col)), z);
          wilson = new Interval(w[0], w[1]);
        }
        Estimate vsRef = Estimate.NAN;
        Estimate ratio = Estimate.NAN;
        Estimate vsOverall = Estimate.NAN;
        double p = Double.NaN;
        if (g != 0 && key.metric().isComparable()) {
          if (ref >= 0 && sufficient[ref][t]) {
            int refAt = ref * k + col;
            for (int r = 0; r < b; r++) {
              column[r] = (double) samples.values()[r][at] - samples.values()[r][refAt];
            }
            double d = value - point[refAt];
            if (g != ref && key.metric().isTested()) {
              p =
                  key.metric().isProportion()
                      ? DifferenceTest.proportions(
                          key.metric().proportion(layout.context(pointStats, g, t), q),
                          key.metric().proportion(layout.context(pointStats, ref, t), q))
                      : DifferenceTest.bootstrap(d, column, b);
            }
            vsRef = estimate(d, column, b, interval);
            for (int r = 0; r < b; r++) {
              column[r] = ratio(samples.values()[r][at], samples.values()[r][refAt]);
            }
            ratio = estimate(ratio(value, point[refAt]), column, b, interval);
          }
          if (sufficient[0][t]) {
            for (int r = 0; r < b; r++) {
              column[r] = (double) samples.values()[r][at] - samples.values()[r][col];
            }
            vsOverall = estimate(value - point[col], column, b, interval);
          }
        }
        metrics.add(
            new MetricResult(key, n, false, estimate, wilson, vsRef, ratio, vsOverall)
                .withPValue(p));
      }
      return new GroupResult(
          index.groups().get(g), Math.round(layout.rows(pointStats, g)), g == ref, metrics);
    }
  }
}
