/**
 * How numbers and metrics are named and written in reports. {@link
 * dev.dmtl.reports.format.NumberStyle} is the one formatter that the HTML report and the CSV files
 * share; {@link dev.dmtl.reports.format.MetricText} gives each audit metric its display name,
 * number style and plain-language explanation.
 */
package dev.dmtl.reports.format;
