package dev.dmtl.reports.html;

import dev.dmtl.audit.result.AuditResult;
import dev.dmtl.reports.format.NumberStyle;
import dev.dmtl.reports.input.ReportInput;
import dev.dmtl.reports.tables.ReportTables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.DocumentType;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;

/**
 * The report as one self-contained HTML document, built as a jsoup DOM: every piece of data (file
 * names, labels, group names, messages) enters as a text node or attribute value and is escaped
 * when written. The stylesheet is inlined; charts are inline SVG; a Content-Security- Policy
 * forbids scripts and every network fetch, so the file opens the same offline.
 */
public final class HtmlReport {

  /**
   * The document's Content-Security-Policy: nothing may load but the inline stylesheet and {@code
   * data:} images (the opt-in example crops). No script runs, nothing is fetched.
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

  private static final String STYLESHEET = readStylesheet();

  private HtmlReport() {}

  /** The sections in report order. */
  static List<Section> sections() {
    return List.of(
        new SummarySection(),
        new WhatChangedSection(),
        new AttributeSection(),
        new CoverageSection(),
        new ConfusionSection(),
        new IntersectionSection(),
        new CsCurveSection(),
        new GroupBarSection(),
        new ErrorRateSection(),
        new CalibrationSection(),
        new GapSection(),
        new SaliencySection(),
        new ExamplesSection(),
        new ModelSection(),
        new ProvenanceSection(),
        new MethodSection(),
        new LimitationsSection());
  }

  /** Builds the document. */
  public static Document build(ReportInput input, ReportTables tables) {
    ReportContext ctx = new ReportContext(input, tables);
    AuditResult audit = input.audit();
    Document doc = Document.createShell("");
    doc.outputSettings()
        .charset(StandardCharsets.UTF_8)
        .escapeMode(Entities.EscapeMode.base)
        .prettyPrint(true)
        .indentAmount(1);
    doc.prependChild(new DocumentType("html", "", ""));
    Element html = doc.selectFirst("html");
    html.attr("lang", "en");
    Element head = doc.head();
    head.appendElement("meta").attr("charset", "utf-8");
    head.appendElement("meta")
        .attr("http-equiv", "Content-Security-Policy")
        .attr("content", CONTENT_SECURITY_POLICY);
    head.appendElement("meta")
        .attr("name", "viewport")
        .attr("content", "width=device-width, initial-scale=1");
    head.appendElement("meta")
        .attr("name", "generator")
        .attr("content", "dmtl " + input.run().toolVersion());
    head.appendElement("meta").attr("name", "referrer").attr("content", "no-referrer");
    head.appendElement("title").text("Fairness audit report" + modelSuffix(audit));
    head.appendElement("style").appendChild(new DataNode(STYLESHEET));

    Element page = doc.body().appendElement("div").addClass("page");
    header(page, ctx);
    ReadingGuide.render(page);
    List<Section> sections = new ArrayList<>();
    for (Section s : sections()) {
      if (s.applies(ctx)) {
        sections.add(s);
      }
    }
    Element nav = page.appendElement("nav").addClass("toc").attr("aria-label", "Contents");
    nav.appendElement("h2").text("Contents");
    Element ol = nav.appendElement("ol");
    for (Section s : sections) {
      ol.appendElement("li").appendElement("a").attr("href", "#" + s.id()).text(s.title());
    }
    Element main = page.appendElement("main");
    int number = 1;
    for (Section s : sections) {
      Element section =
          main.appendElement("section")
              .addClass("report-section")
              .attr("id", s.id())
              .attr("aria-labelledby", s.id() + "-heading");
      Element h2 = section.appendElement("h2").attr("id", s.id() + "-heading");
      h2.appendElement("span").addClass("section-number").text(number++ + ".");
      h2.appendText(s.title());
      s.render(section, ctx);
    }
    Element footer = page.appendElement("footer").addClass("report-footer");
    footer.text(
        "Written by dmtl "
            + input.run().toolVersion()
            + " on "
            + input.run().generatedAt()
            + ". Every table is also in a CSV file next to this report (docs/REPORT_CSV.md). This file loads nothing "
            + "from the network and runs no script.");
    return doc;
  }

  /** The document as HTML text. */
  public static String render(ReportInput input, ReportTables tables) {
    return build(input, tables).outerHtml();
  }

  private static String modelSuffix(AuditResult audit) {
    String sha = audit.provenance().modelSha256();
    return sha == null ? "" : " — model " + sha.substring(0, Math.min(12, sha.length()));
  }

  private static void header(Element page, ReportContext ctx) {
    AuditResult audit = ctx.audit();
    Element header = page.appendElement("header").addClass("report-header");
    header.appendElement("div").addClass("kicker").text("dmtl · face-attribute model audit");
    header
        .appendElement("h1")
        .text(
            audit.mode() == dev.dmtl.audit.metrics.AuditMode.LABELLED
                ? "Fairness audit report"
                : "Prediction profile report (label-free)");
    Element dl = header.appendElement("dl").addClass("meta");
    meta(
            dl,
            "Model SHA-256",
            audit.provenance().modelSha256() == null
                ? "not recorded"
                : audit.provenance().modelSha256())
        .addClass("mono")
        .parent()
        .addClass("wide");
    meta(dl, "Audit mode", audit.mode().jsonName());
    meta(dl, "Faces audited", NumberStyle.count(audit.overall().n()));
    meta(dl, "Inputs (images)", NumberStyle.count(audit.coverage().overall().inputs()));
    meta(dl, "Audit run", audit.provenance().createdAt().toString());
    meta(dl, "Report written", ctx.input().run().generatedAt().toString());
    meta(dl, "Tool version", "dmtl " + ctx.input().run().toolVersion());
    meta(
        dl,
        "Bootstrap",
        ctx.hasIntervals()
            ? audit.provenance().options().resamples()
                + " resamples, seed "
                + audit.provenance().options().seed()
                + ", "
                + ctx.level()
                + " intervals"
            : "off: no intervals");
  }

  private static Element meta(Element dl, String term, String value) {
    Element div = dl.appendElement("div");
    div.appendElement("dt").text(term);
    return div.appendElement("dd").text(value);
  }

  private static String readStylesheet() {
    try (InputStream in = HtmlReport.class.getResourceAsStream("/dev/dmtl/reports/report.css")) {
      if (in == null) {
        throw new IllegalStateException("report.css is missing from the reports jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read report.css from the reports jar", e);
    }
  }
}
