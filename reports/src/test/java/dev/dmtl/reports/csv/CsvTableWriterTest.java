package dev.dmtl.reports.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvTableWriterTest {

  @Test
  void quotesWhatNeedsQuotingAndKeepsTextIntact() throws Exception {
    String hostile = "\"><img src=x onerror=alert(1)>, \"quoted\"\nnext line";
    CsvTable t = CsvTable.builder("t", List.of("a", "b", "c")).row("plain", hostile, null).build();
    StringBuilder out = new StringBuilder();
    CsvTableWriter.write(t, out);
    assertEquals(
        "a,b,c\r\nplain,\"\"\"><img src=x onerror=alert(1)>, \"\"quoted\"\"\nnext line\",\r\n",
        out.toString());
    List<CSVRecord> back =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .build()
            .parse(new StringReader(out.toString()))
            .getRecords();
    assertEquals(hostile, back.get(0).get("b"));
    assertEquals("", back.get(0).get("c"));
  }

  @Test
  void rejectsRowsOfTheWrongWidthAndBadNames() {
    assertThrows(
        IllegalArgumentException.class, () -> CsvTable.builder("t", List.of("a", "b")).row("1"));
    assertThrows(
        IllegalArgumentException.class, () -> new CsvTable("T-1", List.of("a"), List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new CsvTable("t", List.of("a"), List.of(Arrays.asList("1", "2"))));
  }
}
