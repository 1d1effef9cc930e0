/**
 * What training records and a model carries about its training: the {@link
 * dev.dmtl.contract.training.TrainingProvenance} in {@code dmtl.provenance} and the per-epoch
 * {@link dev.dmtl.contract.training.EpochRecord} of {@code history.jsonl}.
 */
package dev.dmtl.contract.training;
