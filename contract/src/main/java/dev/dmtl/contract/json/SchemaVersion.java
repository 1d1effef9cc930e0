package dev.dmtl.contract.json;

/**
 * The version check every document reader runs before it trusts the rest of a file. A document
 * written before it carried a version (the field is absent, read as 0) is version 1.
 */
public final class SchemaVersion {

  private SchemaVersion() {}

  /**
   * @param found the version in the file, 0 when absent
   * @param supported the highest version this code reads
   * @param document what the file is, for the message, e.g. {@code the run manifest}
   * @return the effective version, 1..supported
   * @throws IllegalArgumentException when the file is of a newer or an invalid version
   */
  public static int check(int found, int supported, String document) {
    int version = found == 0 ? 1 : found;
    if (version < 1 || version > supported) {
      throw new IllegalArgumentException(
          document
              + " has schema_version "
              + found
              + ", this tool reads versions 1 to "
              + supported
              + (version > supported ? ": it was written by a newer dmtl" : ""));
    }
    return version;
  }
}
