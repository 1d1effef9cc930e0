/**
 * Developer tools that measure the face detector and alignment and build the UTKFace face template:
 * dlib-format box annotations, IoU matching for recall/precision, and the command-line mains behind
 * docs/BENCHMARKS.md "Face detection". Not used by the pipeline.
 */
package dev.dmtl.inference.face.detect.eval;
