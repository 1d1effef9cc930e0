/**
 * What the report shows about the model: the tasks, the learned task weights β (paper Eq. 16) and
 * the training record the model may carry in its {@code dmtl.provenance} metadata ({@link
 * dev.dmtl.reports.model.ModelProvenance}, read tolerantly: a user's own model may carry none of
 * it).
 */
package dev.dmtl.reports.model;
