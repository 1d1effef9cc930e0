/**
 * Batched inference as a Beam transform: each unit from {@link dev.dmtl.pipeline.input.InputSource}
 * (a batch of files, or an archive whose entries are batched as they are read) is read, decoded,
 * its faces extracted and predicted in one DoFn around the plain-Java {@link
 * dev.dmtl.inference.batch.BatchAnalyzer}; one model per worker JVM.
 */
package dev.dmtl.pipeline.infer;
