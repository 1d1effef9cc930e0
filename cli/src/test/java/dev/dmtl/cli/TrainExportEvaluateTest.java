package dev.dmtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dmtl.contract.labels.DataSplit;
import dev.dmtl.contract.model.ModelContractReader;
import dev.dmtl.contract.model.ModelFile;
import dev.dmtl.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dmtl train → export → evaluate} on real faces, a few steps of a tiny network: the commands
 * work together and say what they did; quality is not the point here (see docs/MODEL_CARD.md).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainExportEvaluateTest {

  @TempDir static Path tmp;
  static Path data;

  /**
   * The bundled sample is all test split; copies of it under new UTKFace names (same labels) that
   * hash into the train and val splits make a small training folder.
   */
  @BeforeAll
  static void trainingFolder() throws Exception {
    data = Files.createDirectories(tmp.resolve("faces"));
    List<Path> sample;
    try (Stream<Path> files = Files.list(TestData.utkfaceSample())) {
      sample = files.sorted().toList();
    }
    int n = 0;
    for (int i = 0; i < 96; i++) {
      String[] parts = sample.get(i).getFileName().toString().split("_");
      DataSplit wanted = i < 72 ? DataSplit.TRAIN : DataSplit.VAL;
      String name;
      do {
        name =
            parts[0]
                + "_"
                + parts[1]
                + "_"
                + (parts.length > 3 ? parts[2] : "0")
                + "_"
                + String.format("%012d", n++)
                + ".jpg.chip.jpg";
      } while (DataSplit.of(name) != wanted);
      Files.copy(sample.get(i), data.resolve(name));
    }
  }

  @Test
  @Order(1)
  void trainWritesCheckpointsAndHistoryAndRefusesToOverwrite() throws Exception {
    Path run = tmp.resolve("run");
    Cli r =
        Cli.run(
            "train",
            "--data",
            data.toString(),
            "--run",
            run.toString(),
            "--input-size",
            "32",
            "--width",
            "0.25",
            "--depth",
            "0.25",
            "--epochs",
            "1",
            "-b",
            "8",
            "--lr",
            "0.01");
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertTrue(r.out().contains("has 1 of 1 epochs"), r.out());
    for (String f : new String[] {"config.json", "last.ckpt", "best.ckpt", "history.jsonl"}) {
      assertTrue(Files.isRegularFile(run.resolve(f)), f);
    }
    assertEquals(1, Files.readAllLines(run.resolve("history.jsonl")).size());

    Cli again = Cli.run("train", "--data", data.toString(), "--run", run.toString());
    assertEquals(ExitCodes.USAGE, again.exitCode());
    assertTrue(again.err().contains("already holds a training run: add --resume"), again.err());

    Cli resumed = Cli.run("train", "--data", data.toString(), "--run", run.toString(), "--resume");
    assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.err());
    assertTrue(resumed.out().contains("has 1 of 1 epochs"), resumed.out());
  }

  @Test
  @Order(2)
  void exportEvaluateAndEmbedTheHeldOutMetrics() throws Exception {
    Path run = tmp.resolve("run");
    Path model = tmp.resolve("model.onnx");
    Path template = TestData.root().getParent().resolve("docs/face-template-utkface.json");
    Cli export =
        Cli.run(
            "export",
            "--run",
            run.toString(),
            "-o",
            model.toString(),
            "--face-template",
            template.toString());
    assertEquals(ExitCodes.OK, export.exitCode(), export.err());
    assertTrue(ModelContractReader.read(model).contract().template().isPresent());

    Path eval = tmp.resolve("eval");
    Cli evaluate =
        Cli.run(
            "evaluate",
            "-q",
            "--runner",
            "direct",
            "-p",
            "2",
            "-m",
            model.toString(),
            "--data",
            TestData.utkfaceSample().toString(),
            "--resamples",
            "50",
            "-o",
            eval.toString());
    assertEquals(ExitCodes.OK, evaluate.exitCode(), evaluate.err());
    JsonNode metrics = new ObjectMapper().readTree(eval.resolve("evaluation.json").toFile());
    long images;
    try (Stream<Path> files = Files.list(TestData.utkfaceSample())) {
      images = files.count();
    }
    assertEquals(images, metrics.path("images").asLong(), "the sample is all test split");
    assertEquals(images, metrics.path("age_mae").path("n").asLong());
    double mae = metrics.path("age_mae").path("value").asDouble();
    assertTrue(
        mae > 0
            && metrics.path("age_mae").path("lower").asDouble() <= mae
            && mae <= metrics.path("age_mae").path("upper").asDouble(),
        metrics.toString());
    assertTrue(
        metrics.has("age_cs_20") && !metrics.has("age_cs_21"),
        "CS(k) for k = 0..20, as in the paper");
    assertTrue(
        metrics.path("age_cs_20").path("value").asDouble()
            >= metrics.path("age_cs_0").path("value").asDouble());
    assertTrue(evaluate.out().contains("gender_accuracy"), evaluate.out());

    Path withMetrics = tmp.resolve("model-with-metrics.onnx");
    Cli again =
        Cli.run(
            "export",
            "--run",
            run.toString(),
            "-o",
            withMetrics.toString(),
            "--held-out-metrics",
            eval.resolve("evaluation.json").toString(),
            "--checkpoint",
            "last");
    assertEquals(ExitCodes.OK, again.exitCode(), again.err());
    ModelFile file = ModelContractReader.read(withMetrics);
    JsonNode provenance = file.contract().provenance();
    assertEquals(
        mae, provenance.path("held_out_metrics").path("age_mae").path("value").asDouble(), 1e-12);
  }

  @Test
  @Order(3)
  void trainingContinuesFromAnExportedModelAtAnotherInputSize() throws Exception {
    Path model = tmp.resolve("model.onnx");
    Path run = tmp.resolve("from-model");
    Cli r =
        Cli.run(
            "train",
            "--data",
            data.toString(),
            "--run",
            run.toString(),
            "--input-size",
            "40",
            "--width",
            "0.25",
            "--depth",
            "0.25",
            "--epochs",
            "1",
            "-b",
            "8",
            "--lr",
            "0.01",
            "--init-from",
            model.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    JsonNode config = new ObjectMapper().readTree(run.resolve("config.json").toFile());
    assertEquals(model.toAbsolutePath().toString(), config.path("initFrom").asText());
    assertEquals(40, config.path("network").path("inputSize").asInt());
    assertEquals(1, Files.readAllLines(run.resolve("history.jsonl")).size());
    assertTrue(r.out().contains("has 1 of 1 epochs"), r.out());

    Path notAModel = Files.writeString(tmp.resolve("notes.onnx"), "these are notes, not a model");
    Cli bad =
        Cli.run(
            "train",
            "--data",
            data.toString(),
            "--run",
            tmp.resolve("bad").toString(),
            "--input-size",
            "32",
            "--width",
            "0.25",
            "--depth",
            "0.25",
            "--epochs",
            "1",
            "-b",
            "8",
            "--init-from",
            notAModel.toString());
    assertEquals(ExitCodes.BAD_INPUT, bad.exitCode(), bad.err());
    assertTrue(bad.err().contains(notAModel.toString()), bad.err());
    assertEquals(1, bad.err().strip().lines().count(), bad.err());
    assertTrue(!bad.hasStackTrace(), bad.err());
  }

  @Test
  @Order(4)
  void keptEpochsAverageIntoACheckpointThatExports() throws Exception {
    Path run = tmp.resolve("swa");
    Cli r =
        Cli.run(
            "train",
            "--data",
            data.toString(),
            "--run",
            run.toString(),
            "--input-size",
            "32",
            "--width",
            "0.25",
            "--depth",
            "0.25",
            "--epochs",
            "2",
            "-b",
            "8",
            "--schedule",
            "constant",
            "--lr",
            "0.01",
            "--keep-epoch-checkpoints");
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertTrue(Files.isRegularFile(run.resolve("epochs/epoch-001.ckpt")));
    assertTrue(Files.isRegularFile(run.resolve("epochs/epoch-002.ckpt")));

    Cli one = Cli.run("average", "--run", run.toString(), "--epochs", "2-2");
    assertEquals(ExitCodes.USAGE, one.exitCode(), one.err());
    assertTrue(one.err().contains("FROM-TO"), one.err());
    Cli missing = Cli.run("average", "--run", run.toString(), "--epochs", "2-3");
    assertEquals(ExitCodes.BAD_INPUT, missing.exitCode(), missing.err());
    assertTrue(missing.err().contains("epoch-003.ckpt"), missing.err());

    Path epoch1 = run.resolve("epochs/epoch-001.ckpt");
    Cli single = Cli.run("average", "--run", run.toString(), epoch1.toString());
    assertEquals(ExitCodes.USAGE, single.exitCode(), single.err());
    assertTrue(single.err().contains("at least two checkpoints"), single.err());
    Cli twice = Cli.run("average", "--run", run.toString(), epoch1.toString(), epoch1.toString());
    assertEquals(ExitCodes.BAD_INPUT, twice.exitCode(), twice.err());
    assertTrue(twice.err().contains("same weights as"), twice.err());
    Path cut = tmp.resolve("cut.ckpt");
    Files.write(cut, Arrays.copyOf(Files.readAllBytes(epoch1), 4096));
    Cli truncated = Cli.run("average", "--run", run.toString(), epoch1.toString(), cut.toString());
    assertEquals(ExitCodes.BAD_INPUT, truncated.exitCode(), truncated.err());
    assertTrue(truncated.err().contains(cut + ": truncated"), truncated.err());

    Cli avg =
        Cli.run(
            "average", "--run", run.toString(), "--epochs", "1-2", "--calibration-images", "64");
    assertEquals(ExitCodes.OK, avg.exitCode(), avg.err());
    assertTrue(avg.out().contains("2 checkpoints"), avg.out());
    Path averaged = run.resolve("average.ckpt");
    assertTrue(Files.isRegularFile(averaged) && Files.isRegularFile(run.resolve("average.json")));
    Cli again = Cli.run("average", "--run", run.toString(), "--epochs", "1-2");
    assertEquals(ExitCodes.USAGE, again.exitCode(), again.err());
    assertTrue(again.err().contains("--overwrite"), again.err());

    Path model = tmp.resolve("swa.onnx");
    Cli export =
        Cli.run(
            "export",
            "--run",
            run.toString(),
            "--checkpoint",
            averaged.toString(),
            "-o",
            model.toString());
    assertEquals(ExitCodes.OK, export.exitCode(), export.err());
    JsonNode provenance = ModelContractReader.read(model).contract().provenance();
    JsonNode average = provenance.path("weight_average");
    assertEquals(2, average.path("sources").size(), provenance.toString());
    assertEquals("epoch-002.ckpt", average.path("sources").path(1).path("file").asText());
    assertEquals(
        average.path("validation"),
        provenance.path("validation"),
        "the model's validation numbers are the average's, not the last epoch's");

    // a summary that describes another checkpoint is refused rather than copied into the provenance
    Files.copy(run.resolve("epochs/epoch-002.ckpt"), averaged, StandardCopyOption.REPLACE_EXISTING);
    Cli stale =
        Cli.run(
            "export",
            "--run",
            run.toString(),
            "--checkpoint",
            averaged.toString(),
            "-o",
            tmp.resolve("stale.onnx").toString());
    assertEquals(ExitCodes.BAD_INPUT, stale.exitCode(), stale.err());
    assertTrue(stale.err().contains("average.json: does not describe average.ckpt"), stale.err());
  }
}
