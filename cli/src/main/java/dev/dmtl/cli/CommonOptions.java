package dev.dmtl.cli;

import picocli.CommandLine.Option;

/**
 * Options every subcommand shares, as a picocli mixin: {@code @Mixin CommonOptions common;}.
 * ({@code --help} and {@code --version} come from {@code mixinStandardHelpOptions}.)
 */
public final class CommonOptions {

  @Option(
      names = {"-v", "--verbose"},
      description = "Log more, and print stack traces of runtime failures.")
  boolean verbose;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress on stderr.")
  boolean quiet;

  public boolean verbose() {
    return verbose;
  }

  public boolean quiet() {
    return quiet;
  }
}
