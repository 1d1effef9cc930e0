/**
 * The report as a PDF: a minimal Chrome DevTools Protocol client ({@link
 * dev.dmtl.reports.pdf.DevToolsConnection}), Debian's headless Chromium started offline ({@link
 * dev.dmtl.reports.pdf.Chromium}), and {@link dev.dmtl.reports.pdf.PdfPrinter}, which prints {@code
 * report.html} through its print stylesheet. The browser is an external program: without it, {@link
 * dev.dmtl.reports.pdf.BrowserUnavailableException}, and the HTML report stands alone.
 */
package dev.dmtl.reports.pdf;
