/**
 * The HTML report: one self-contained file built as a jsoup DOM ({@link
 * dev.dmtl.reports.html.HtmlReport}), one class per section, inline CSS, inline SVG charts, and a
 * Content-Security-Policy that allows no script and no network fetch. All data enters the tree as
 * escaped text or attribute values.
 */
package dev.dmtl.reports.html;
