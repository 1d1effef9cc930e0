package dev.dmtl.reports.pdf;

/**
 * No Chromium to print the PDF with: the executable named (or the default one) is missing or not
 * executable. A user's setup problem, not a failure of the report: the HTML is written before it is
 * thrown.
 */
public final class BrowserUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  public BrowserUnavailableException(String message) {
    super(message);
  }
}
