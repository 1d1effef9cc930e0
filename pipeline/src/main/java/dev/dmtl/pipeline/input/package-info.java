/**
 * Inputs: resolving what the user named (files, folders, globs, list files) on the driver, listing
 * them through Beam's FileSystems into batches handed out as source splits ({@link
 * dev.dmtl.pipeline.input.InputSource}), and streaming zip/tar/tar.gz entries without extracting
 * them. Unsafe and nested entries and corrupt archives become dead letters.
 */
package dev.dmtl.pipeline.input;
