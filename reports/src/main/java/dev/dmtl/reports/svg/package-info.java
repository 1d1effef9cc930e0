/**
 * Server-side SVG charts for the HTML report: {@link dev.dmtl.reports.svg.LineChart} (CS curves,
 * training history), {@link dev.dmtl.reports.svg.BarChart} (per-group values with interval
 * whiskers), built as jsoup elements (escaped on output, never string-concatenated), with a {@code
 * <title>}/{@code <desc>} text alternative each and the colour-blind-safe Okabe–Ito {@link
 * dev.dmtl.reports.svg.Palette}. No script, no font, no external reference.
 */
package dev.dmtl.reports.svg;
