/**
 * The {@code --labels} option: which ground-truth source a run joins onto its rows, loaded once per
 * JVM through Beam's FileSystems. The parsers themselves live in {@code dev.dmtl.contract.labels}.
 */
package dev.dmtl.pipeline.labels;
