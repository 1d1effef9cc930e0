package dev.dmtl.cli;

import dev.dmtl.contract.ToolVersion;
import dev.dmtl.contract.model.ModelContract;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the tool version and the model contract versions it reads. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      ToolVersion.describe(),
      "model contract "
          + String.join(" and ", ModelContract.READABLE_VERSIONS)
          + ", Java "
          + System.getProperty("java.version"),
    };
  }
}
