/**
 * The {@code dmtl-tools} entry point: developer tools (benchmarks, detector evaluations, output
 * checks) as picocli subcommands, with the same exit-code and one-line-error conventions as the
 * product's {@code dmtl}. Not part of the product: nothing in the product modules depends on it,
 * and it is not in {@code cli/target/dmtl.jar}.
 */
package dev.dmtl.tools;
