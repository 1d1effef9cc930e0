package dev.dmtl.tools;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes of every {@code dmtl-tools} command (also listed in each command's help). */
public final class ExitCodes {

  public static final int OK = 0;

  /** The tool failed, or a check it ran found problems (check-outputs). */
  public static final int FAILED = 1;

  public static final int USAGE = 2;

  /** Something the user named is missing or unusable (a folder, a file, a model). */
  public static final int BAD_INPUT = 3;

  private ExitCodes() {}

  static Map<String, String> help() {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put(Integer.toString(OK), "success (check-outputs: the outputs agree / are complete)");
    codes.put(Integer.toString(FAILED), "the tool failed, or check-outputs found problems");
    codes.put(Integer.toString(USAGE), "usage error: unknown option, bad value, missing argument");
    codes.put(
        Integer.toString(BAD_INPUT),
        "bad input: a named folder, file or model is missing or unusable");
    return codes;
  }
}
