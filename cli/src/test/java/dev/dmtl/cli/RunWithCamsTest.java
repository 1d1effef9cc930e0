package dev.dmtl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dmtl.testdata.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path of issue 21 in one run: {@code dmtl run --cams} with the bundled model takes its
 * exact class activation maps from the same model call, the audit averages them per group, and the
 * report shows them as "Where the model looks" without face pixels, and next to each worst-error
 * example.
 */
class RunWithCamsTest {

  @TempDir Path tmp;

  @Test
  void theReportOfARunWithCamsShowsWhereTheModelLooksPerGroup() throws Exception {
    Path out = tmp.resolve("cams");
    Cli r =
        Cli.run(
            "run",
            "-q",
            "--runner",
            "direct",
            "-p",
            "2",
            "--labels",
            "utkface",
            "--resamples",
            "20",
            "--cams",
            "--include-examples",
            "2",
            "-o",
            out.toString(),
            TestData.utkfaceSample().toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err() + r.out());
    assertFalse(r.hasStackTrace(), r.err());

    JsonNode saliency =
        new ObjectMapper().readTree(out.resolve("audit/audit.json").toFile()).path("saliency");
    assertEquals("cam", saliency.path("method").asText(), "the bundled model gives exact CAMs");
    int cells = saliency.path("height").asInt() * saliency.path("width").asInt();
    assertTrue(cells > 1, saliency.toString());
    int overall = 0;
    for (JsonNode map : saliency.path("maps")) {
      double sum = 0;
      double max = 0;
      for (JsonNode v : map.path("mean")) {
        sum += v.asDouble();
        max = Math.max(max, v.asDouble());
      }
      assertEquals(cells, map.path("mean").size(), map.toString());
      assertEquals(1.0, sum, 1e-3, "a mean map is a share of attention: " + map);
      if (map.path("group").asText().equals("all") && map.path("subset").asText().equals("all")) {
        overall++;
        // a trained model's attention is not spread evenly over the crop
        assertTrue(max > 1.0 / cells + 0.02, "flat mean map: " + map);
        double face = map.path("shares").path("face").asDouble();
        assertTrue(face > 0.5 && face <= 1.0, "share inside the face box: " + map);
      }
    }
    assertEquals(3, overall, "one overall map per task (age, gender, race)");

    Document report =
        Jsoup.parse(Files.readString(out.resolve("report/report.html"), StandardCharsets.UTF_8));
    assertTrue(
        report.select("#saliency figure.saliency-figure svg").size() >= 3 * 2,
        "small multiples per task and group");
    assertEquals(0, report.select("#saliency img").size(), "no face pixels in the section");
    assertEquals(
        3 * 2,
        report.select("#examples .example-map svg").size(),
        "each worst-error example shows its own map");
    assertTrue(Files.isRegularFile(out.resolve("report/saliency.csv")));
  }
}
