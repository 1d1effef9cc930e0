/**
 * The documents of an inference run: its {@link dev.dmtl.contract.run.RunProvenance} (in every
 * Parquet footer and in the manifest) and its {@link dev.dmtl.contract.run.RunManifest}.
 */
package dev.dmtl.contract.run;
