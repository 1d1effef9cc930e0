package dev.dmtl.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.model.ContractViolationException;
import dev.dmtl.testdata.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The two inputs of a run that are not images — the label file and the model — when they are
 * broken: the run stops on the driver, before any runner starts, with one line that names the file,
 * the line where it applies, and the violation; nothing is written.
 */
class BadLabelAndModelFilesTest {

  /** What each broken tiny model's error must say. */
  private static final Map<TinyModels.Defect, String> VIOLATION =
      Map.of(
          TinyModels.Defect.MISSING_METADATA, "metadata key dmtl.contract is missing",
          TinyModels.Defect.WRONG_CONTRACT_VERSION,
              "dmtl.contract is 3, this tool reads contract versions 1 and 2",
          TinyModels.Defect.WRONG_OUTPUT_WIDTH,
              "output 'age_logits' of ordinal task 'age' (K-1 thresholds for 116 ranks) is 114, the contract requires 115",
          TinyModels.Defect.FIXED_BATCH,
              "input 'image' has a fixed batch size 1, the contract requires a dynamic batch dimension",
          TinyModels.Defect.WRONG_DTYPE,
              "'image' has element type DOUBLE, the contract requires float32",
          TinyModels.Defect.MISSING_OUTPUT,
              "task 'age' reads output 'age_logits', which the graph does not have",
          TinyModels.Defect.WRONG_INPUT_SIZE,
              "input 'image' height is 64, the contract requires 96",
          TinyModels.Defect.TWO_INPUTS,
              "graph has 2 inputs [image, mask], the contract allows exactly one");

  @TempDir Path tmp;

  private InferRequest request(String model) throws Exception {
    return InferRequest.of(
            List.of(Fixtures.samples(1).get(0).toString()), tmp.resolve("out").toString())
        .withModel(model)
        .withRunner(RunnerKind.DIRECT, 1);
  }

  @Test
  void aLabelCsvWithABadRowStopsTheRunWithFileAndLine() throws Exception {
    Path csv = tmp.resolve("labels.csv");
    Files.writeString(
        csv, "path,age,gender,race\n26_1_2_x.jpg,26,female,asian\nme, myself.jpg,30,male,white\n");
    InvalidRunException e =
        assertThrows(
            InvalidRunException.class,
            () ->
                InferJob.prepare(
                    request(Fixtures.writeModel(tmp).toString()).withLabels(csv.toString())));
    assertEquals(
        "--labels: "
            + csv
            + " line 3: 5 cells, the header has 4 (a comma in a path must be quoted)",
        e.getMessage());
    Path quote = tmp.resolve("quote.csv");
    Files.writeString(quote, "path,age\n\"a.jpg,26\n");
    InvalidRunException q =
        assertThrows(
            InvalidRunException.class,
            () ->
                InferJob.prepare(
                    request(Fixtures.writeModel(tmp).toString()).withLabels(quote.toString())));
    assertTrue(q.getMessage().startsWith("--labels: " + quote + " line "), q.getMessage());
    assertTrue(q.getMessage().contains("malformed CSV"), q.getMessage());
    assertEquals(1, q.getMessage().lines().count());
    assertFalse(Files.exists(tmp.resolve("out")), "nothing is written for a run that cannot start");
  }

  @ParameterizedTest
  @EnumSource(value = TinyModels.Defect.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void aModelThatBreaksTheContractIsOneLineNamingTheViolation(TinyModels.Defect defect)
      throws Exception {
    Path model =
        TinyModels.broken(defect)
            .writeTo(tmp.resolve(defect.name().toLowerCase(java.util.Locale.ROOT) + ".onnx"));
    ContractViolationException e =
        assertThrows(
            ContractViolationException.class, () -> InferJob.prepare(request(model.toString())));
    assertTrue(e.getMessage().startsWith(model + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(VIOLATION.get(defect)), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void aFileThatIsNoModelIsOneLine() throws Exception {
    byte[] valid = TinyModels.dmtl(1).bytes();
    Path truncated =
        Files.write(tmp.resolve("truncated.onnx"), Arrays.copyOf(valid, valid.length / 2));
    Path empty = Files.write(tmp.resolve("empty.onnx"), new byte[0]);
    ContractViolationException cut =
        assertThrows(
            ContractViolationException.class,
            () -> InferJob.prepare(request(truncated.toString())));
    assertTrue(cut.getMessage().startsWith(truncated + ": not an ONNX model"), cut.getMessage());
    assertEquals(1, cut.getMessage().lines().count());
    ContractViolationException none =
        assertThrows(
            ContractViolationException.class, () -> InferJob.prepare(request(empty.toString())));
    assertEquals(empty + ": file is empty, not an ONNX model", none.getMessage());
  }
}
