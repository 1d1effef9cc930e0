package dev.dmtl.reports.html;

import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.result.AuditedTask;
import dev.dmtl.audit.result.Saliency;
import dev.dmtl.audit.result.SaliencyGroup;
import dev.dmtl.audit.result.SaliencyRegion;
import dev.dmtl.audit.result.SaliencySubset;
import dev.dmtl.reports.format.NumberStyle;
import dev.dmtl.reports.svg.SaliencyChart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.nodes.Element;

/**
 * "Where the model looks": the audit's group saliency as small multiples, one heat map per task and
 * group (and for right and wrong answers), drawn over the template's landmarks with no face pixels,
 * and the reading aid's shares of attention as a table and a computed sentence. Left out when the
 * predictions carry no saliency maps ({@code dmtl infer --cams}).
 */
final class SaliencySection implements Section {

  /** The regions as the sentences name them, in {@link Saliency} order plus outside the face. */
  private static final List<String> SHARES =
      List.of("face", "eyes", "nose", "mouth", Saliency.OUTSIDE_FACE);

  @Override
  public String id() {
    return "saliency";
  }

  @Override
  public String title() {
    return "Where the model looks";
  }

  @Override
  public boolean applies(ReportContext ctx) {
    return ctx.audit().saliency() != null;
  }

  @Override
  public void render(Element section, ReportContext ctx) {
    Saliency s = ctx.audit().saliency();
    boolean exact = s.method().equals("cam");
    Html.paragraph(
        section,
        "Each face's "
            + (exact
                ? "class activation map (exact, from the model's last feature maps and head weights)"
                : "occlusion sensitivity map (how much greying each cell changes the answer; the"
                    + " model declares no feature maps)")
            + " on a "
            + s.height()
            + " × "
            + s.width()
            + " grid over the aligned crop was clamped at zero and divided by its sum, so every face"
            + " contributes the same amount of attention; the maps below are the means over each"
            + " group's faces. Aligned faces share one template, so a cell covers the same part of"
            + " every face. Brighter is more attention; one colour scale per task.");
    Html.paragraph(
            section,
            "The dots are the "
                + (s.templateSource().equals("model")
                    ? "model's face template"
                    : "documented default face template (the model declares none)")
                + ": eyes, nose tip and mouth corners; the outline is the face box of the reading"
                + " aid. The maps hold no face pixels: unlike the examples, this section can be"
                + " shared without a privacy notice. The numbers, every group and intersection"
                + " included, are in saliency.csv and audit.json.")
        .addClass("small");
    SaliencyRegion face = s.regions().get(0);
    double[] faceBox = {face.left(), face.top(), face.right(), face.bottom()};
    List<GroupKey> groups = drawnGroups(ctx, s);

    for (AuditedTask audited : ctx.audit().tasks()) {
      String task = audited.task().name();
      Optional<SaliencyGroup> overall = s.map(task, GroupKey.OVERALL.id(), SaliencySubset.ALL);
      if (overall.isEmpty()) {
        continue;
      }
      section.appendElement("h3").text("Task: " + task);
      double max = max(s, task, groups);
      Element legend = section.appendElement("div").addClass("saliency-legend-row");
      SaliencyChart.legend(
          legend,
          "0 %",
          percent(max),
          "Colour scale of the " + task + " maps: share of a face's attention in one cell",
          ctx.ids().next("sal-legend"));
      legend
          .appendElement("span")
          .addClass("small")
          .text("share of a face's attention in one cell (colour scale of the " + task + " maps)");
      Html.paragraph(section, sentence(s, task, overall.get(), groups));

      Element all = section.appendElement("div").addClass("saliency-grid");
      for (GroupKey g : groups) {
        s.map(task, g.id(), SaliencySubset.ALL)
            .ifPresent(m -> figure(all, s, m, max, faceBox, ctx, ReportContext.groupName(g)));
      }
      if (ctx.audit().mode() == dev.dmtl.audit.metrics.AuditMode.LABELLED) {
        section
            .appendElement("h4")
            .text(
                "Right and wrong answers, "
                    + task
                    + (audited.task().kind() == dev.dmtl.contract.model.TaskKind.ORDINAL
                        ? String.format(
                            Locale.ROOT,
                            " (right: within %.0f ranks of the truth, years for age)",
                            s.ordinalCorrectWithin())
                        : ""));
        Element pairs = section.appendElement("div").addClass("saliency-grid");
        for (GroupKey g : groups) {
          if (!g.isOverall() && !g.grouping().equals(Grouping.of(task))) {
            continue;
          }
          for (SaliencySubset subset : List.of(SaliencySubset.CORRECT, SaliencySubset.WRONG)) {
            s.map(task, g.id(), subset)
                .filter(m -> m.n() >= s.minGroupSize())
                .ifPresent(
                    m ->
                        figure(
                            pairs,
                            s,
                            m,
                            max,
                            faceBox,
                            ctx,
                            ReportContext.groupName(g) + ", " + subsetWord(subset)));
          }
        }
      }
      table(section, s, task, groups);
    }
  }

  /** Overall and every single-attribute group big enough to draw, without unknown values. */
  private static List<GroupKey> drawnGroups(ReportContext ctx, Saliency s) {
    List<GroupKey> out = new ArrayList<>();
    out.add(GroupKey.OVERALL);
    for (Grouping grouping : ctx.singleGroupings()) {
      for (var r : ctx.groups(grouping)) {
        GroupKey key = r.key();
        if (key.hasUnknown()) {
          continue;
        }
        boolean bigEnough =
            s.maps().stream()
                .anyMatch(
                    m ->
                        m.group().sameGroup(key)
                            && m.subset() == SaliencySubset.ALL
                            && m.n() >= s.minGroupSize());
        if (bigEnough) {
          out.add(key);
        }
      }
    }
    return out;
  }

  private static void figure(
      Element grid,
      Saliency s,
      SaliencyGroup m,
      double max,
      double[] faceBox,
      ReportContext ctx,
      String label) {
    Element fig = grid.appendElement("figure").addClass("saliency-figure");
    String title = m.task() + ", " + label + ": mean saliency map of " + m.n() + " faces";
    SaliencyChart.append(
        fig,
        s.height(),
        s.width(),
        m.mean(),
        max,
        s.landmarks(),
        faceBox,
        title,
        describe(m),
        ctx.ids().next("sal"));
    fig.appendElement("figcaption").text(label + " (n = " + NumberStyle.count(m.n()) + ")");
  }

  /** The map in words for a screen reader: the reading aid's shares. */
  private static String describe(SaliencyGroup m) {
    return percent(m.share("face"))
        + " of the attention inside the face box, "
        + percent(m.share("eyes"))
        + " around the eyes, "
        + percent(m.share("nose"))
        + " around the nose, "
        + percent(m.share("mouth"))
        + " around the mouth.";
  }

  private static void table(Element section, Saliency s, String task, List<GroupKey> groups) {
    List<String> headers =
        List.of(
            "group", "answers", "faces", "face box", "eyes", "nose", "mouth", "outside face box");
    List<Boolean> numeric = List.of(false, false, true, true, true, true, true, true);
    Element body =
        Html.table(
            section,
            "Share of " + task + " attention by region (saliency.csv)",
            headers,
            numeric,
            null);
    for (GroupKey g : groups) {
      for (SaliencySubset subset : SaliencySubset.values()) {
        Optional<SaliencyGroup> m = s.map(task, g.id(), subset);
        if (m.isEmpty()
            || (subset != SaliencySubset.ALL
                && !g.isOverall()
                && !g.grouping().equals(Grouping.of(task)))) {
          continue;
        }
        Element tr = body.appendElement("tr");
        Html.rowHeader(tr, ReportContext.groupName(g));
        Html.text(tr, subsetWord(subset));
        Html.num(tr, NumberStyle.count(m.get().n()));
        for (String region : SHARES) {
          Html.num(tr, NumberStyle.PROPORTION.format(m.get().share(region)));
        }
      }
    }
  }

  /**
   * The reading aid: where the overall map of {@code task} puts its attention, and the group whose
   * share in one region differs most from it.
   */
  static String sentence(Saliency s, String task, SaliencyGroup overall, List<GroupKey> groups) {
    StringBuilder sb = new StringBuilder();
    sb.append("Over all faces, ")
        .append(percent(overall.share("face")))
        .append(" of the ")
        .append(task)
        .append(" attention falls inside the face box: ")
        .append(percent(overall.share("eyes")))
        .append(" around the eyes, ")
        .append(percent(overall.share("nose")))
        .append(" around the nose, ")
        .append(percent(overall.share("mouth")))
        .append(" around the mouth.");
    SaliencyGroup most = null;
    String where = null;
    double difference = 0;
    for (GroupKey g : groups) {
      if (g.isOverall()) {
        continue;
      }
      Optional<SaliencyGroup> m = s.map(task, g.id(), SaliencySubset.ALL);
      if (m.isEmpty()) {
        continue;
      }
      for (String region : SHARES) {
        double d = Math.abs(m.get().share(region) - overall.share(region));
        if (d > difference) {
          difference = d;
          most = m.get();
          where = region;
        }
      }
    }
    if (most != null) {
      sb.append(" The largest difference: ")
          .append(task)
          .append(", group '")
          .append(ReportContext.groupName(most.group()))
          .append("': ")
          .append(percent(most.share(where)))
          .append(" of attention ")
          .append(regionPhrase(where))
          .append(" vs ")
          .append(percent(overall.share(where)))
          .append(" over all faces.");
    }
    return sb.toString();
  }

  private static String regionPhrase(String region) {
    return switch (region) {
      case "face" -> "inside the face box";
      case Saliency.OUTSIDE_FACE -> "outside the face box (hair, ears, background)";
      default -> "around the " + region;
    };
  }

  private static String subsetWord(SaliencySubset subset) {
    return switch (subset) {
      case ALL -> "all";
      case CORRECT -> "right";
      case WRONG -> "wrong";
    };
  }

  /** The largest cell of every map drawn for {@code task}: the top of its colour scale. */
  private static double max(Saliency s, String task, List<GroupKey> groups) {
    double max = 0;
    for (SaliencyGroup m : s.maps()) {
      if (!m.task().equals(task) || groups.stream().noneMatch(g -> g.sameGroup(m.group()))) {
        continue;
      }
      for (double v : m.mean()) {
        max = Math.max(max, v);
      }
    }
    return max > 0 ? max : 1;
  }

  private static String percent(double share) {
    return Double.isNaN(share)
        ? NumberStyle.NOT_AVAILABLE
        : String.format(Locale.ROOT, "%.0f %%", 100 * share);
  }
}
