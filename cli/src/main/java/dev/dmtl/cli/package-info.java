/**
 * The {@code dmtl} command line (picocli): a small top command listing one class per subcommand, a
 * shared options mixin, documented exit codes, one-line errors for user mistakes.
 */
package dev.dmtl.cli;
