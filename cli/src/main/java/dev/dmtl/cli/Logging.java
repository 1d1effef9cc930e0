package dev.dmtl.cli;

/**
 * slf4j-simple configuration, set before the first logger exists: warnings only by default (Flink,
 * Hadoop and DJL are chatty at INFO), everything at INFO with {@code --verbose}. Logs go to stderr;
 * stdout carries only the commands' own output.
 */
final class Logging {

  private Logging() {}

  static void configure(boolean verbose) {
    setDefault("org.slf4j.simpleLogger.logFile", "System.err");
    setDefault("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
    if (!verbose) {
      // known-harmless warnings: no native Hadoop, Flink's missing log file settings, DJL's CUDA
      // probe
      setDefault("org.slf4j.simpleLogger.log.org.apache.hadoop", "error");
      setDefault("org.slf4j.simpleLogger.log.org.apache.flink", "error");
      setDefault("org.slf4j.simpleLogger.log.org.apache.beam.runners.flink", "error");
      setDefault("org.slf4j.simpleLogger.log.ai.djl", "error");
      // it logs a failed job with the whole stack trace before throwing; the CLI reports the same
      // failure as one line (RunFailedException), and --verbose shows the trace
      setDefault("org.slf4j.simpleLogger.log.org.apache.beam.runners.flink.FlinkRunner", "off");
    }
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
