/**
 * The opt-in worst-error examples ({@code --include-examples N}): which faces ({@link
 * dev.dmtl.reports.examples.WorstErrors}), and their downscaled crops through the {@link
 * dev.dmtl.reports.examples.ExampleImages} interface that the command line implements with the
 * inference module's decoder. Reports embed no face image unless asked.
 */
package dev.dmtl.reports.examples;
