package dev.dmtl.tools.data;

import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.ModelContractReader;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.training.export.CamOutputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Re-exports a dmtl model with each task's feature maps as extra outputs declared in {@code
 * dmtl.explain} ({@link CamOutputs}): how the bundled default model became explainable without
 * touching a weight (docs/notes/issue-21-explain.md, part 2).
 */
@Command(
    name = "cam-outputs",
    mixinStandardHelpOptions = true,
    description =
        "Adds each task's feature maps as outputs (dmtl.explain, exact class activation maps) to a"
            + " model dmtl exported; the weights and logits are unchanged.")
public final class AddCamOutputs implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "IN.onnx", description = "A model written by dmtl export.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT.onnx", description = "Where to write the copy.")
  Path out;

  @Override
  public Integer call() throws IOException, ContractViolationException {
    byte[] bytes = ModelContractReader.readBytes(in);
    byte[] added = CamOutputs.addToFile(in.toString(), bytes);
    Files.write(out, added);
    ModelFile written = ModelContractReader.read(out);
    System.out.printf(
        Locale.ROOT,
        "%s: sha256 %s, %d bytes%n%s: sha256 %s, %d bytes%nexplainable: %s%n",
        in,
        ContentHash.sha256Hex(bytes),
        bytes.length,
        out,
        written.sha256(),
        written.sizeBytes(),
        written.contract().explainability());
    return 0;
  }
}
