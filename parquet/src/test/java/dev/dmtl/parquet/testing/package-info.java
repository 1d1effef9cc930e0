/**
 * Test fixtures shared through the test jar: realistic synthetic runs written with the real
 * schemas.
 */
package dev.dmtl.parquet.testing;
