/**
 * Inputs: resolving what the user named (files, folders, globs, list files) on the driver, matching
 * through Beam's FileSystems, and streaming zip/tar/tar.gz entries without extracting them. Unsafe
 * and nested entries and corrupt archives become dead letters.
 */
package dev.dmtl.pipeline.input;
