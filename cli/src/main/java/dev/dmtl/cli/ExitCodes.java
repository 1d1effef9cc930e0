package dev.dmtl.cli;

/**
 * The documented exit codes of every {@code dmtl} command (also in {@code dmtl --help}).
 *
 * <ul>
 *   <li>{@value #OK}: success.
 *   <li>{@value #RUNTIME_FAILURE}: the run failed for a reason that is not the user's input (a bug,
 *       an I/O error while writing, a runner failure). Nothing that looks like a complete result is
 *       left behind.
 *   <li>{@value #USAGE}: the command line is wrong (unknown option, bad value, missing argument).
 *   <li>{@value #BAD_INPUT}: something the user named is unusable: an input or model file that does
 *       not exist, a model that breaks the contract, a label file that does not parse, an output
 *       folder that already holds a result, a device that is not available here, no Chromium for
 *       {@code --pdf} (the HTML report is still written).
 *   <li>{@value #RULE_VIOLATED}: an audit's {@code --fail-on} rule was violated.
 * </ul>
 */
public final class ExitCodes {

  public static final int OK = 0;
  public static final int RUNTIME_FAILURE = 1;
  public static final int USAGE = 2;
  public static final int BAD_INPUT = 3;

  /** A {@code --fail-on} rule of an audit was violated (the audit and report are still written). */
  public static final int RULE_VIOLATED = dev.dmtl.audit.rules.RuleEvaluator.VIOLATION_EXIT_CODE;

  /** The exit-code list as picocli shows it under "Exit codes" in every command's help. */
  static java.util.Map<String, String> help() {
    java.util.Map<String, String> codes = new java.util.LinkedHashMap<>();
    codes.put(Integer.toString(OK), "success");
    codes.put(
        Integer.toString(RUNTIME_FAILURE),
        "runtime failure, not caused by the input (no complete-looking output is left)");
    codes.put(Integer.toString(USAGE), "usage error: unknown option, bad value, missing argument");
    codes.put(
        Integer.toString(BAD_INPUT),
        "bad input: missing input or model, model contract violation, unreadable labels,"
            + " output already present, device not available, no Chromium for --pdf");
    codes.put(
        Integer.toString(RULE_VIOLATED),
        "audit, run, compare: a --fail-on rule was violated (the results are still written)");
    return codes;
  }

  private ExitCodes() {}
}
