package dev.dmtl.pipeline;

import dev.dmtl.contract.run.RunManifest;

/**
 * A finished run.
 *
 * @param manifest what the run wrote into its manifest
 * @param outputDir the output folder (FileSystems path)
 */
public record RunResult(RunManifest manifest, String outputDir) {}
