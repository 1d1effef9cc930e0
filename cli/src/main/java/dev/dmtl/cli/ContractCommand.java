package dev.dmtl.cli;

import dev.dmtl.contract.model.ContractSpec;
import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.contract.model.ContractWriter;
import dev.dmtl.contract.model.ModelContractReader;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.pipeline.InvalidRunException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dmtl contract MODEL.onnx --spec SPEC.json -o DESCRIBED.onnx}: writes a spec's contract
 * into a copy of a model, in Java (docs/OWN_MODELS.md). The spec is checked against the graph
 * before anything is written; a bad spec is one line naming the spec field, exit 3, no file.
 */
@Command(
    name = "contract",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Describe a model that carries no dmtl metadata: check SPEC.json against the model's graph,"
            + " write the metadata into a copy, and print what 'dmtl inspect' prints for it. The"
            + " model file itself is not changed ('dmtl infer --spec' uses a spec without any copy).")
final class ContractCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Parameters(paramLabel = "MODEL.onnx", description = "The model file to describe.")
  Path model;

  @Option(
      names = "--spec",
      required = true,
      paramLabel = "SPEC.json",
      description =
          "The contract as JSON: the dmtl.* metadata keys without the prefix (input, tasks,"
              + " optional face_template, log_variance, provenance).")
  Path specFile;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "DESCRIBED.onnx",
      description = "Where the described copy is written.")
  Path output;

  @Option(names = "--overwrite", description = "Replace DESCRIBED.onnx if it exists.")
  boolean overwrite;

  @Override
  public Integer call() throws ContractViolationException, IOException, InvalidRunException {
    if (Files.exists(output)
        && Files.exists(model)
        && Files.isSameFile(output.toAbsolutePath(), model.toAbsolutePath())) {
      throw new InvalidRunException(
          "-o " + output + " is the model itself; the model is never changed, name a copy");
    }
    if (Files.exists(output) && !overwrite) {
      throw new InvalidRunException(output + " exists; pass --overwrite to replace it");
    }
    ContractSpec contractSpec = ContractSpec.read(specFile);
    byte[] bytes = ModelContractReader.readBytes(model);
    byte[] described = ContractWriter.describe(model.toString(), bytes, contractSpec);
    Path parent = output.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    // a reader never sees half a model: written beside the target, then moved into place
    Path partial = Files.createTempFile(parent, ".dmtl-contract-", ".onnx.partial");
    try {
      Files.write(partial, described);
      Files.move(
          partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    ModelFile written = ModelContractReader.read(output);
    PrintWriter out = spec.commandLine().getOut();
    InspectCommand.print(written, out);
    out.flush();
    return ExitCodes.OK;
  }
}
