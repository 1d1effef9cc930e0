package dev.dmtl.reports.html;

import dev.dmtl.audit.groups.GroupKey;
import dev.dmtl.audit.groups.Grouping;
import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.metrics.Metric;
import dev.dmtl.audit.metrics.MetricKey;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.AuditedTask;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.audit.result.MetricResult;
import dev.dmtl.audit.result.ReliabilityDiagram;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.reports.format.MetricText;
import dev.dmtl.reports.format.NumberStyle;
import dev.dmtl.reports.svg.LineChart;
import dev.dmtl.reports.tables.DiagramKind;
import dev.dmtl.reports.tables.MetricFamily;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jsoup.nodes.Element;

/**
 * Whether the model's probabilities can be taken at their word, per task and group: reliability
 * diagrams (overall and the worst-calibrated groups) and the calibration metrics with intervals.
 * Only what the audit holds is drawn: a labelled audit of rows without probabilities gets one line
 * saying so; label-free audits have no outcome to calibrate against and no section.
 */
final class CalibrationSection implements Section {

  /** How many of the worst-calibrated single-attribute groups are drawn next to the overall one. */
  static final int WORST_GROUPS = 3;

  @Override
  public String id() {
    return "calibration";
  }

  @Override
  public String title() {
    return "Calibration: can the probabilities be trusted";
  }

  @Override
  public boolean applies(ReportContext ctx) {
    return ctx.audit().mode() == AuditMode.LABELLED;
  }

  @Override
  public void render(Element section, ReportContext ctx) {
    AuditResult audit = ctx.audit();
    if (!MetricFamily.NOMINAL_CALIBRATION.presentIn(audit)
        && !MetricFamily.AGE_CALIBRATION.presentIn(audit)) {
      Html.paragraph(
              section,
              "No calibration: the audited prediction rows carry no probabilities (or the audit was "
                  + "written before calibration was measured), so only the predicted labels are compared.")
          .addClass("absent");
      return;
    }
    Html.paragraph(
        section,
        "A calibrated model that says \"80 % sure\" is right 80 % of the time. A reliability diagram "
            + "bins the answers by the probability the model gave and plots, per bin, the mean "
            + "probability (x) against what happened (y); calibrated bins lie on the dashed diagonal. "
            + "A model can be equally accurate for two groups and still over-state its confidence for "
            + "one of them. Equal-width bins: "
            + audit.provenance().options().calibrationBins()
            + " bins on [0, 1]; equal-mass bins hold about the same number of answers each. Every bin "
            + "of every diagram is in reliability.csv, every calibration metric of every group (intersections "
            + "too) in calibration.csv.");
    for (AuditedTask task : audit.tasks()) {
      if (task.kind() == TaskKind.NOMINAL
          && MetricFamily.NOMINAL_CALIBRATION.presentIn(audit.overall(), task.name())) {
        nominal(section, ctx, task);
      } else if (task.kind() == TaskKind.ORDINAL
          && MetricFamily.AGE_CALIBRATION.presentIn(audit.overall(), task.name())) {
        ordinal(section, ctx, task);
      }
    }
  }

  private static void nominal(Element section, ReportContext ctx, AuditedTask task) {
    section.appendElement("h3").text(task.name());
    Element charts = section.appendElement("div").addClass("charts");
    overallDiagram(
        charts,
        ctx,
        task,
        List.of(DiagramKind.CONFIDENCE_WIDTH, DiagramKind.CONFIDENCE_MASS),
        "Reliability of " + task.name() + ", all faces");
    worstGroups(charts, ctx, task, DiagramKind.CONFIDENCE_WIDTH, Metric.ECE);
    List<Metric> metrics = new ArrayList<>();
    for (Metric m : MetricFamily.NOMINAL_CALIBRATION.metrics()) {
      if (ctx.audit().overall().metric(key(task, m)).isPresent()) {
        metrics.add(m);
      }
    }
    table(section, ctx, task, metrics);
  }

  private static void ordinal(Element section, ReportContext ctx, AuditedTask task) {
    section.appendElement("h3").text(task.name() + " (ordinal)");
    Html.paragraph(
            section,
            MetricText.explanation(Metric.THRESHOLD_ECE)
                + " "
                + MetricText.explanation(Metric.EXPECTED_ECE))
        .addClass("small");
    Element charts = section.appendElement("div").addClass("charts");
    overallDiagram(
        charts,
        ctx,
        task,
        List.of(DiagramKind.THRESHOLDS),
        "Threshold reliability of " + task.name() + ", all faces");
    worstGroups(charts, ctx, task, DiagramKind.THRESHOLDS, Metric.THRESHOLD_ECE);
    overallDiagram(
        charts,
        ctx,
        task,
        List.of(DiagramKind.EXPECTED_AGE),
        "Expected against true " + task.name() + ", all faces");
    List<Metric> metrics = new ArrayList<>();
    for (Metric m : MetricFamily.AGE_CALIBRATION.metrics()) {
      if (ctx.audit().overall().metric(key(task, m)).isPresent()) {
        metrics.add(m);
      }
    }
    table(section, ctx, task, metrics);
  }

  private static MetricKey key(AuditedTask task, Metric m) {
    return MetricKey.of(task.name(), m);
  }

  private static Optional<ReliabilityDiagram> diagram(
      AuditResult audit, GroupKey group, String task, DiagramKind kind) {
    return audit.reliability().stream()
        .filter(
            d ->
                d.group().sameGroup(group)
                    && d.task().equals(task)
                    && DiagramKind.of(d.kind()) == kind)
        .findFirst();
  }

  /** The overall diagrams of the given kinds in one chart; nothing when the audit has none. */
  private static void overallDiagram(
      Element charts, ReportContext ctx, AuditedTask task, List<DiagramKind> kinds, String title) {
    List<ReliabilityDiagram> drawn = new ArrayList<>();
    for (DiagramKind k : kinds) {
      diagram(ctx.audit(), GroupKey.OVERALL, task.name(), k).ifPresent(drawn::add);
    }
    if (drawn.isEmpty()) {
      return;
    }
    DiagramKind first = DiagramKind.of(drawn.get(0).kind());
    LineChart chart = chart(title, first, drawn);
    StringBuilder desc = new StringBuilder("Reliability diagram. ");
    for (ReliabilityDiagram d : drawn) {
      String name = DiagramKind.of(d.kind()).description();
      chart.add(series(name, d, drawn.size() == 1));
      desc.append(describe(name, d)).append(' ');
    }
    chart.render(
        charts,
        ctx.ids(),
        desc.toString().strip(),
        "All faces. "
            + capitalise(first.countUnit())
            + " per bin, lowest bin first: "
            + String.join(
                "; ",
                drawn.stream()
                    .map(d -> DiagramKind.of(d.kind()).description() + " " + counts(d))
                    .toList())
            + ". Empty bins are not drawn.");
  }

  /**
   * The {@value #WORST_GROUPS} single-attribute groups with the largest value of {@code metric}
   * (sufficient groups only) in one chart, black: all faces.
   */
  private static void worstGroups(
      Element charts, ReportContext ctx, AuditedTask task, DiagramKind kind, Metric metric) {
    AuditResult audit = ctx.audit();
    MetricKey key = key(task, metric);
    List<GroupResult> worst =
        ctx.singleGroupings().stream()
            .flatMap((Grouping g) -> ctx.groups(g).stream())
            .filter(
                g ->
                    g.metric(key).map(m -> !m.insufficient() && !m.estimate().isNaN()).orElse(false)
                        && diagram(audit, g.key(), task.name(), kind).isPresent())
            .sorted(Comparator.comparingDouble((GroupResult g) -> g.value(key)).reversed())
            .limit(WORST_GROUPS)
            .toList();
    Optional<ReliabilityDiagram> overall = diagram(audit, GroupKey.OVERALL, task.name(), kind);
    if (worst.isEmpty() || overall.isEmpty()) {
      return;
    }
    List<ReliabilityDiagram> drawn = new ArrayList<>();
    worst.forEach(g -> drawn.add(diagram(audit, g.key(), task.name(), kind).orElseThrow()));
    LineChart chart =
        chart(
            "Worst-calibrated groups of " + task.name() + " (" + MetricText.name(metric) + ")",
            kind,
            drawn);
    StringBuilder desc = new StringBuilder("Reliability diagram, " + kind.description() + ". ");
    List<String> caption = new ArrayList<>();
    for (int i = 0; i < worst.size(); i++) {
      GroupResult g = worst.get(i);
      ReliabilityDiagram d = drawn.get(i);
      String label = ReportContext.groupName(g.key());
      chart.add(series(label, d, false));
      MetricResult m = g.metric(key).orElseThrow();
      String value = Html.withInterval(m.estimate(), MetricText.style(metric));
      desc.append(describe(label + " (" + MetricText.name(metric) + " " + value + ")", d))
          .append(' ');
      caption.add(label + " " + counts(d));
    }
    chart.add(series("all faces", overall.get(), true));
    chart.render(
        charts,
        ctx.ids(),
        desc.toString().strip(),
        "The "
            + worst.size()
            + " groups of one attribute with the largest "
            + MetricText.name(metric)
            + "; black: all faces. "
            + capitalise(kind.countUnit())
            + " per bin: "
            + String.join("; ", caption)
            + ".");
  }

  private static String capitalise(String s) {
    return GroupBarSection.capitalise(s);
  }

  private static LineChart chart(String title, DiagramKind kind, List<ReliabilityDiagram> drawn) {
    LineChart chart =
        new LineChart(title, kind.xLabel(), kind.yLabel(), kind.style(), kind.style())
            .diagonal("perfectly calibrated");
    if (kind.years()) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (ReliabilityDiagram d : drawn) {
        for (ReliabilityDiagram.Bin b : d.bins()) {
          if (b.n() > 0) {
            lo = Math.min(lo, Math.min(b.predicted(), b.observed()));
            hi = Math.max(hi, Math.max(b.predicted(), b.observed()));
          }
        }
      }
      if (hi > lo) {
        // the same domain on both axes, so that the diagonal is the 45° line
        chart.xDomain(Math.floor(lo), Math.ceil(hi)).yDomain(Math.floor(lo), Math.ceil(hi));
      }
    } else {
      chart.xDomain(0, 1).yDomain(0, 1);
    }
    return chart;
  }

  /** A diagram as a line through its non-empty bins (empty bins are NaN and break nothing). */
  private static LineChart.Series series(String name, ReliabilityDiagram d, boolean emphasis) {
    List<ReliabilityDiagram.Bin> bins = d.bins().stream().filter(b -> b.n() > 0).toList();
    double[] x = new double[bins.size()];
    double[] y = new double[bins.size()];
    for (int i = 0; i < bins.size(); i++) {
      x[i] = bins.get(i).predicted();
      y[i] = bins.get(i).observed();
    }
    return new LineChart.Series(name, x, y, null, null, emphasis);
  }

  private static String describe(String name, ReliabilityDiagram d) {
    NumberStyle style = DiagramKind.of(d.kind()).style();
    List<String> points = new ArrayList<>();
    for (ReliabilityDiagram.Bin b : d.bins()) {
      if (b.n() > 0) {
        points.add(
            style.format(b.predicted())
                + " → "
                + style.format(b.observed())
                + " (n = "
                + NumberStyle.count(b.n())
                + ")");
      }
    }
    return name + ": predicted → observed per bin: " + String.join(", ", points) + ".";
  }

  /** {@code [0 0 12 240 …]}: the faces (or answers) in each bin, lowest first. */
  private static String counts(ReliabilityDiagram d) {
    return "["
        + String.join(" ", d.bins().stream().map(b -> NumberStyle.count(b.n())).toList())
        + "]";
  }

  private static void table(
      Element section, ReportContext ctx, AuditedTask task, List<Metric> metrics) {
    List<String> headers = new ArrayList<>(List.of("group", "faces"));
    metrics.forEach(m -> headers.add(MetricText.name(m)));
    Element body =
        Html.table(
            section,
            "Calibration of "
                + task.name()
                + " by group, with "
                + ctx.level()
                + " intervals (intersections in calibration.csv)",
            headers);
    body.parent().addClass("calibration");
    List<GroupResult> rows = new ArrayList<>();
    rows.add(ctx.audit().overall());
    for (Grouping grouping : ctx.singleGroupings()) {
      rows.addAll(ctx.groups(grouping));
    }
    for (GroupResult g : rows) {
      Element tr = body.appendElement("tr");
      Html.rowHeader(tr, ReportContext.groupName(g.key()));
      MetricResult first = g.metric(key(task, metrics.get(0))).orElse(null);
      Html.num(tr, NumberStyle.count(first == null ? g.n() : first.n()));
      for (Metric m : metrics) {
        Html.metric(tr, g.metric(key(task, m)).orElse(null), MetricText.style(m));
      }
    }
  }
}
