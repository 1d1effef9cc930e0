package dev.dmtl.reports.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dmtl.testdata.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/REPORT_CSV.md documents exactly the headers the code writes. */
class ReportCsvDocTest {

  private static final Pattern FILE =
      Pattern.compile("### `([a-z_]+)\\.csv`.*?```csv\\n([^\\n]+)\\n```", Pattern.DOTALL);

  @Test
  void documentedHeadersAreTheWrittenOnes() throws Exception {
    Path doc = TestData.root().getParent().resolve("docs/REPORT_CSV.md");
    Map<String, String> documented = new LinkedHashMap<>();
    Matcher m = FILE.matcher(Files.readString(doc, StandardCharsets.UTF_8));
    while (m.find()) {
      documented.put(m.group(1), m.group(2));
    }
    Map<String, List<String>> code = new LinkedHashMap<>();
    code.put("summary", AuditTables.SUMMARY);
    code.put("coverage", AuditTables.COVERAGE);
    code.put("dead_letters", ReportTables.DEAD_LETTERS);
    code.put("confusion", AuditTables.CONFUSION);
    code.put("group_metrics", AuditTables.GROUP_METRICS);
    code.put("gaps", AuditTables.GAPS);
    code.put("error_rates", ErrorRateTable.HEADER);
    code.put("calibration", CalibrationTables.CALIBRATION);
    code.put("reliability", CalibrationTables.RELIABILITY);
    code.put("attributes", AttributeTable.HEADER);
    code.put("rules", AuditTables.RULES);
    code.put("inputs", AuditTables.INPUTS);
    code.put("provenance", ProvenanceTable.HEADER);
    code.put("model_tasks", ModelTables.MODEL_TASKS);
    code.put("training_history", ModelTables.HISTORY_FIXED);
    code.put("examples", ReportTables.EXAMPLES);
    code.put("changes", ChangesTable.HEADER);
    code.put("saliency", SaliencyTable.HEADER);
    assertEquals(code.keySet(), documented.keySet(), "every file documented, in this order");
    code.forEach(
        (name, header) ->
            assertEquals(String.join(",", header), documented.get(name), name + ".csv"));
  }
}
