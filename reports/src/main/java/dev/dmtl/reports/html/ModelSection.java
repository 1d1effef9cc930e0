package dev.dmtl.reports.html;

import dev.dmtl.audit.result.AuditedTask;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.contract.model.TaskKind;
import dev.dmtl.contract.training.EpochRecord;
import dev.dmtl.reports.csv.CsvTable;
import dev.dmtl.reports.format.NumberStyle;
import dev.dmtl.reports.model.ModelProvenance;
import dev.dmtl.reports.svg.LineChart;
import dev.dmtl.reports.tables.ModelTables;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jsoup.nodes.Element;

/**
 * Tasks, labels, learned task weights β (Eq. 16) and the training record, when the model carries
 * them.
 */
final class ModelSection implements Section {

  @Override
  public String id() {
    return "model";
  }

  @Override
  public String title() {
    return "The model";
  }

  @Override
  public void render(Element section, ReportContext ctx) {
    if (ctx.input().modelFile().isEmpty()) {
      Html.paragraph(
          section,
          "No model file was given to the report (--model), so only the tasks the audit found are "
              + "shown; the learned task weights and the training record are not.");
      auditTasks(section, ctx);
      return;
    }
    ModelFile model = ctx.input().modelFile().get();
    ModelProvenance p = ctx.modelProvenance();
    Html.paragraph(
        section,
        "One network predicts every task (multi-task learning). The age task is ordinal "
            + "(one threshold per age: \"older than r?\"), the others nominal (one probability per label). During "
            + "training, each task t learns a log-variance s_t = log σ_t²; its loss is weighted by exp(−s_t), so a task "
            + "the network finds noisy weighs less. β_t = 1 / Σ_j (σ_t² / σ_j²) (paper Eq. 16) is the resulting share of "
            + "the joint loss, summing to 1.");
    CsvTable tasks = ctx.tables().modelTasks();
    Element body =
        Html.table(
            section,
            "Tasks of " + model.source(),
            List.of("task", "kind", "output", "classes", "s = log σ²", "σ²", "β (Eq. 16)"),
            List.of(false, false, false, false, true, true, true),
            null);
    for (List<String> r : tasks.rows()) {
      Element tr = body.appendElement("tr");
      Html.rowHeader(tr, r.get(0));
      Html.text(tr, r.get(1));
      Html.text(tr, r.get(2)).addClass("mono");
      Html.text(tr, r.get(3));
      Html.num(tr, r.get(4));
      Html.num(tr, r.get(5));
      Html.num(tr, r.get(6));
    }
    if (model.contract().logVariance().isEmpty()) {
      Html.paragraph(
              section,
              "The model declares no learned log-variances (dmtl.log_variance), so its task weights "
                  + "are unknown.")
          .addClass("small")
          .addClass("muted");
    }
    if (!p.about().isEmpty()) {
      List<String[]> about = new ArrayList<>();
      p.about().forEach((k, v) -> about.add(new String[] {k, v}));
      Html.keyValues(section, "Training record (dmtl.provenance)", about);
    }
    if (!p.data().isEmpty()) {
      Html.keyValues(section, "Training data", pairs(p.data()));
    }
    if (p.hasHistory()) {
      history(section, ctx, p);
    } else {
      Html.paragraph(section, "The model carries no training history.")
          .addClass("small")
          .addClass("muted");
    }
    if (!p.validation().isEmpty()) {
      Html.keyValues(section, "Validation, last epoch", pairs(p.validation()));
    }
    if (!p.heldOut().isEmpty()) {
      Html.keyValues(section, "Held-out test metrics reported by training", pairs(p.heldOut()));
    }
    if (!p.config().isEmpty()) {
      Html.keyValues(section, "Training configuration", pairs(p.config()));
    }
  }

  private static void auditTasks(Element section, ReportContext ctx) {
    Element body =
        Html.table(
            section,
            "Tasks audited",
            List.of("task", "kind", "classes"),
            List.of(false, false, false),
            null);
    for (AuditedTask t : ctx.audit().tasks()) {
      Element tr = body.appendElement("tr");
      Html.rowHeader(tr, t.name());
      Html.text(tr, t.kind().jsonName());
      List<Integer> ranks = t.task().ranks();
      String classes =
          t.kind() == TaskKind.ORDINAL
              ? (ranks.isEmpty()
                      ? "ages"
                      : "ages " + ranks.get(0) + "–" + ranks.get(ranks.size() - 1))
                  + "; audited by age group: "
                  + String.join(", ", t.classes())
              : String.join(", ", t.labels());
      Html.text(tr, classes);
    }
  }

  private static void history(Element section, ReportContext ctx, ModelProvenance p) {
    List<EpochRecord> epochs = p.history();
    section.appendElement("h3").text("Training history");
    Element charts = section.appendElement("div").addClass("charts");
    Set<String> betaTasks = keys(epochs, EpochRecord::beta);
    if (!betaTasks.isEmpty()) {
      LineChart chart =
          new LineChart(
              "Task weights β per epoch",
              "epoch",
              "β (share of the joint loss)",
              NumberStyle.COUNT,
              NumberStyle.WEIGHT);
      chart.yDomain(0, 1);
      for (String task : betaTasks) {
        chart.add(series(task, epochs, e -> e.beta().getOrDefault(task, Double.NaN)));
      }
      chart.render(
          charts,
          ctx.ids(),
          describe("β", betaTasks, epochs, e -> e.beta(), NumberStyle.WEIGHT),
          "How the learned task weights moved during training (cf. the paper's Fig. 3).");
    }
    Set<String> validation = keys(epochs, ModelProvenance::validation);
    chartOf(
        charts,
        ctx,
        epochs,
        validation,
        n -> ModelTables.validationStyle(n) == NumberStyle.YEARS,
        "Validation age error per epoch",
        "years",
        NumberStyle.YEARS);
    chartOf(
        charts,
        ctx,
        epochs,
        validation,
        n -> ModelTables.validationStyle(n) == NumberStyle.PROPORTION,
        "Validation accuracy per epoch",
        "share",
        NumberStyle.PROPORTION);
    if (epochs.stream().anyMatch(e -> !Double.isNaN(e.trainLoss()))) {
      LineChart loss =
          new LineChart(
              "Training loss per epoch",
              "epoch",
              "joint loss (Eq. 15)",
              NumberStyle.COUNT,
              NumberStyle.ONE_DECIMAL);
      loss.add(series("joint loss", epochs, EpochRecord::trainLoss));
      loss.render(
          charts,
          ctx.ids(),
          "Line chart of the joint training loss per epoch: "
              + values(epochs, EpochRecord::trainLoss, NumberStyle.LOSS)
              + ".",
          null);
    }
    // the CSV has every column; the page shows those a reviewer reads (no per-k CS, no
    // log-variances)
    CsvTable table = ctx.tables().trainingHistory();
    List<Integer> columns = new ArrayList<>();
    List<String> headers = new ArrayList<>();
    List<Boolean> numeric = new ArrayList<>();
    for (int c = 0; c < table.header().size(); c++) {
      String h = table.header().get(c);
      String shown = shownColumn(h);
      if (shown != null) {
        columns.add(c);
        headers.add(shown);
        numeric.add(true);
      }
    }
    Element body =
        Html.table(
            section,
            "Per epoch (all columns in training_history.csv)",
            headers,
            numeric,
            "history");
    for (List<String> r : table.rows()) {
      Element tr = body.appendElement("tr");
      columns.forEach(c -> Html.num(tr, r.get(c)));
    }
  }

  private static void chartOf(
      Element charts,
      ReportContext ctx,
      List<EpochRecord> epochs,
      Set<String> names,
      Predicate<String> select,
      String title,
      String axis,
      NumberStyle style) {
    List<String> chosen = names.stream().filter(select).toList();
    if (chosen.isEmpty()) {
      return;
    }
    LineChart chart = new LineChart(title, "epoch", axis, NumberStyle.COUNT, style);
    if (style == NumberStyle.PROPORTION) {
      chart.yDomain(0, 1);
    }
    for (String name : chosen) {
      chart.add(
          series(
              readable(name),
              epochs,
              e -> ModelProvenance.validation(e).getOrDefault(name, Double.NaN)));
    }
    chart.render(
        charts,
        ctx.ids(),
        describe(title, new LinkedHashSet<>(chosen), epochs, ModelProvenance::validation, style),
        null);
  }

  private static LineChart.Series series(
      String name, List<EpochRecord> epochs, Function<EpochRecord, Double> f) {
    double[] x = new double[epochs.size()];
    double[] y = new double[epochs.size()];
    for (int i = 0; i < epochs.size(); i++) {
      x[i] = epochs.get(i).epoch();
      y[i] = f.apply(epochs.get(i));
    }
    return LineChart.Series.of(name, x, y);
  }

  private static String describe(
      String what,
      Set<String> names,
      List<EpochRecord> epochs,
      Function<EpochRecord, Map<String, Double>> f,
      NumberStyle style) {
    StringBuilder sb =
        new StringBuilder(
            "Line chart of "
                + what
                + " per epoch, epochs "
                + epochs.get(0).epoch()
                + " to "
                + epochs.get(epochs.size() - 1).epoch()
                + ". ");
    for (String n : names) {
      sb.append(readable(n))
          .append(": ")
          .append(values(epochs, e -> f.apply(e).getOrDefault(n, Double.NaN), style))
          .append(". ");
    }
    return sb.toString().strip();
  }

  private static String values(
      List<EpochRecord> epochs, Function<EpochRecord, Double> f, NumberStyle style) {
    List<String> out = new ArrayList<>();
    for (EpochRecord e : epochs) {
      out.add(style.format(f.apply(e)));
    }
    return String.join(", ", out);
  }

  /** The header shown for a training-history column, or null to leave it to the CSV. */
  static String shownColumn(String column) {
    if (column.equals("epoch")) {
      return "epoch";
    }
    if (column.equals("learning_rate")) {
      return "learning rate";
    }
    if (column.equals("train_loss")) {
      return "joint loss";
    }
    if (column.startsWith("beta_")) {
      return "β " + column.substring("beta_".length());
    }
    if (column.startsWith("val_")
        && !column.startsWith("val_cs_")
        && !column.equals("val_images")) {
      return "val. " + readable(column.substring("val_".length()));
    }
    return null;
  }

  /** {@code ageMaeExpected} → {@code age MAE expected}. */
  static String readable(String camel) {
    String spaced = camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    return spaced.replace("mae", "MAE");
  }

  private static Set<String> keys(
      List<EpochRecord> epochs, Function<EpochRecord, Map<String, Double>> f) {
    Set<String> out = new LinkedHashSet<>();
    epochs.forEach(e -> out.addAll(f.apply(e).keySet()));
    return out;
  }

  private static List<String[]> pairs(Map<String, String> map) {
    List<String[]> out = new ArrayList<>();
    map.forEach((k, v) -> out.add(new String[] {k, v}));
    return out;
  }
}
