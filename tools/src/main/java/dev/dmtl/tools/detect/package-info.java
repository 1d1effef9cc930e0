/**
 * Developer tools that measure the face detector and alignment and build the UTKFace face template
 * ({@code dmtl-tools wild-detection}, {@code face-template}, {@code alignment-check}, {@code
 * alignment-faithfulness}, {@code detection-throughput}; docs/BENCHMARKS.md "Face detection"), with
 * what only they need: dlib-format box annotations, IoU matching for recall/precision, a plain
 * ImageIO photo reader. Not used by the pipeline.
 */
package dev.dmtl.tools.detect;
