package dev.dmtl.reports.html;

import dev.dmtl.audit.config.LabelOrigin;
import dev.dmtl.audit.metrics.AuditMode;
import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.audit.result.GroupResult;
import dev.dmtl.reports.model.ModelProvenance;
import java.util.Locale;
import org.jsoup.nodes.Element;

/** What the report cannot tell: label source, dataset licence, small groups, coarse categories. */
final class LimitationsSection implements Section {

  /** Groups below this many faces get a wide interval even when above the minimum size. */
  static final int SMALL_GROUP = 100;

  @Override
  public String id() {
    return "limitations";
  }

  @Override
  public String title() {
    return "Limitations";
  }

  @Override
  public void render(Element section, ReportContext ctx) {
    AuditResult audit = ctx.audit();
    LabelOrigin source = audit.provenance().options().labelSource();
    Element ul = section.appendElement("ul");
    if (audit.mode() == AuditMode.LABEL_FREE) {
      ul.appendElement("li")
          .text(
              "This is not an accuracy audit. Without ground truth, groups are the model's own "
                  + "guesses: a face the model misreads lands in the wrong group, so errors hide inside the groups.");
    }
    if (audit.mode() == AuditMode.LABELLED) {
      ul.appendElement("li")
          .text(
              source == LabelOrigin.UTKFACE_NAMES
                  ? "Labels come from UTKFace file names: age, a binary gender and five coarse race categories (including "
                      + "\"others\"), annotated by the dataset's authors from the photos. They are not self-identified and some "
                      + "are wrong; the audit measures agreement with these labels, not with the truth about the people."
                  : "Labels come from the label_* columns given to dmtl infer. The report cannot check how they were made; "
                      + "errors in the labels appear as model errors.");
    }
    ul.appendElement("li")
        .text(
            "Gender is audited as the model's two labels and race as its five categories. People "
                + "outside these categories are not visible as a group here, and a fair result along these axes says nothing "
                + "about others (skin tone, disability, age within a group).");
    ModelProvenance p = ctx.modelProvenance();
    String dataName = p.data().getOrDefault("name", "");
    String licence = p.data().get("licence");
    boolean utk =
        source == LabelOrigin.UTKFACE_NAMES || dataName.toLowerCase(Locale.ROOT).contains("utk");
    if (utk) {
      ul.appendElement("li")
          .text(
              "Dataset licence: UTKFace is available for non-commercial research purposes only, and "
                  + "the copyright of the images stays with their owners. A model trained or audited on it inherits that "
                  + "restriction; this audit does not show fitness for commercial use.");
    }
    if (licence != null) {
      ul.appendElement("li")
          .text("The model's training data declares the licence: " + licence + ".");
    } else if (!utk) {
      ul.appendElement("li")
          .text(
              "Check the licence of the audited images and of the model's training data before "
                  + "using these results outside research.");
    }
    int min = ctx.minGroupSize();
    long insufficient =
        audit.groups().stream().filter(g -> !g.key().isOverall() && g.n() < min).count();
    long small =
        audit.groups().stream()
            .filter(g -> !g.key().isOverall() && g.n() >= min && g.n() < SMALL_GROUP)
            .count();
    ul.appendElement("li")
        .text(
            "Small groups: "
                + insufficient
                + " groups have fewer than "
                + min
                + " faces and no "
                + "numbers; "
                + small
                + " more have fewer than "
                + SMALL_GROUP
                + ", so their intervals are wide. Intersections "
                + "shrink quickly: a larger or more balanced sample is the only cure.");
    if (!audit.coverage().perGroup()) {
      ul.appendElement("li")
          .text(
              "Coverage is known overall only, so it cannot show whether faces of some groups were "
                  + "missed more often than others.");
    }
    if (audit.provenance().options().resamples() == 0) {
      ul.appendElement("li")
          .text(
              "The bootstrap was off: no number has an interval, and differences between groups "
                  + "cannot be told from chance.");
    }
    ul.appendElement("li")
        .text(
            "The audit describes the model on these inputs. Other photos (lighting, pose, cameras, "
                + "populations) can give other numbers.");
    long groups =
        audit.groups().stream().filter(g -> !g.key().isOverall()).map(GroupResult::key).count();
    Html.paragraph(section, groups + " groups were compared in all.")
        .addClass("small")
        .addClass("muted");
  }
}
