/**
 * Reads published {@code dmtl infer} outputs back and compares them on content (rows keyed by input
 * and face, dead letters as a multiset) or checks one against its manifest and input list: {@code
 * dmtl-tools check-outputs}, used by {@code scripts/cluster-check.sh} (cluster vs. embedded Flink)
 * and {@code scripts/fault-test.sh} (complete, duplicate-free output after failures). Not a test
 * and not part of any product command.
 */
package dev.dmtl.tools.check;
