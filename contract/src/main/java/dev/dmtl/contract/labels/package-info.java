/**
 * Ground-truth label sources: UTKFace file names, label CSV files, Adience fold files. A label that
 * cannot be parsed stays {@code null} and is counted; it is never guessed.
 */
package dev.dmtl.contract.labels;
