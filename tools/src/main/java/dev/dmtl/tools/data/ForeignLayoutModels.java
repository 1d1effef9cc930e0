package dev.dmtl.tools.data;

import dev.dmtl.contract.ContentHash;
import dev.dmtl.testdata.ForeignModels;
import dev.dmtl.testdata.ForeignModels.ForeignModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Writes the test fixtures in the layouts of real face-attribute models ({@link ForeignModels}:
 * InsightFace genderage, FairFace, DeepFace age; seeded random weights, no dmtl metadata) as ONNX
 * files, for trying {@code dmtl contract} and {@code dmtl run --spec} with the spec files in {@code
 * testdata/specs} (docs/OWN_MODELS.md). Their predictions mean nothing.
 */
@Command(
    name = "foreign-models",
    mixinStandardHelpOptions = true,
    description =
        "Writes tiny ONNX models in the InsightFace genderage, FairFace and DeepFace age layouts"
            + " (random weights, no dmtl metadata; specs in testdata/specs) into DIR.")
public final class ForeignLayoutModels implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DIR", description = "Folder to write the .onnx files to.")
  Path dir;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Weight seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() throws IOException {
    for (ForeignModel m : ForeignModels.all(seed)) {
      Path file = m.writeTo(dir.resolve(m.name() + ".onnx"));
      System.out.println(
          file + "  sha256 " + ContentHash.sha256Hex(m.bytes()) + "  spec " + m.spec());
    }
    return 0;
  }
}
