/**
 * Group saliency: the mean normalised saliency map per task, group and right/wrong answers, and the
 * reading aid's shares of attention in boxes derived from the face template (docs/AUDIT.md, "Where
 * the model looks").
 */
package dev.dmtl.audit.saliency;
