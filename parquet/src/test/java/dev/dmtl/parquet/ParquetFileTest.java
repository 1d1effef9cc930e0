package dev.dmtl.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dmtl.contract.rows.PredictionColumns;
import dev.dmtl.contract.run.RunProvenance;
import dev.dmtl.parquet.testing.SyntheticRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Parquet layer against files it wrote, and against DuckDB as an independent reader. */
class ParquetFileTest {

  @TempDir Path dir;

  @Test
  void theFooterCarriesTheRunProvenanceTyped() throws IOException {
    SyntheticRun.Files files = SyntheticRun.write(dir, SyntheticRun.Options.realistic(300, 7));
    ParquetFile f = ParquetFile.open(files.predictions());
    assertEquals(files.predictionRows(), f.rows());
    RunProvenance p = f.runProvenance().orElseThrow();
    assertEquals(SyntheticRun.MODEL_SHA256, p.model().sha256());
    assertEquals(
        List.of("age", "gender", "race"),
        p.model().contract().tasks().stream().map(t -> t.name()).toList());
    assertEquals(
        PrimitiveType.PrimitiveTypeName.INT32, f.primitiveType(PredictionColumns.predicted("age")));
    assertTrue(f.hasColumn(PredictionColumns.probabilities("race")));
  }

  @Test
  void aProjectionReadsOnlyTheNamedColumnsAndSkipsAbsentOnes() throws IOException {
    SyntheticRun.Files files = SyntheticRun.write(dir, SyntheticRun.Options.realistic(50, 3));
    ParquetFile f = ParquetFile.open(files.predictions());
    List<String> sources = new ArrayList<>();
    List<Double> ages = new ArrayList<>();
    f.read(
        List.of(PredictionColumns.SOURCE, "no_such_column", PredictionColumns.predicted("age")),
        r -> {
          assertEquals(2, r.getSchema().getFields().size());
          assertFalse(r.hasField("no_such_column"));
          sources.add(ParquetFile.text(r, PredictionColumns.SOURCE));
          ages.add(ParquetFile.number(r, PredictionColumns.predicted("age")));
        });
    assertEquals(files.predictionRows(), sources.size());
    assertTrue(sources.get(0).startsWith("/data/utkface/"));
    assertTrue(ages.stream().allMatch(a -> a >= 1 && a <= 116));
    ParquetFile.MissingColumnException e =
        assertThrows(
            ParquetFile.MissingColumnException.class,
            () -> f.require(List.of(PredictionColumns.SOURCE, "stage")));
    assertEquals(files.predictions() + " has no column stage", e.getMessage());
  }

  @Test
  void listColumnsReadBackAsWritten() throws Exception {
    SyntheticRun.Files files = SyntheticRun.write(dir, SyntheticRun.Options.realistic(40, 5));
    ParquetFile f = ParquetFile.open(files.predictions());
    List<List<?>> race = new ArrayList<>();
    List<Integer> ageWidths = new ArrayList<>();
    // every column, as the developer tools' output comparison reads them
    f.read(
        f.columnNames(),
        r -> {
          race.add((List<?>) r.get(PredictionColumns.probabilities("race")));
          ageWidths.add(((List<?>) r.get(PredictionColumns.probabilities("age"))).size());
        });
    assertEquals(files.predictionRows(), race.size());
    assertTrue(ageWidths.stream().allMatch(w -> w == 115), "age: 115 threshold probabilities");
    // the first row's race probabilities equal what an independent reader sees
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select race_probs from '"
                    + files.predictions().toString().replace("'", "''")
                    + "' limit 1")) {
      r.next();
      Object[] expected = (Object[]) r.getArray(1).getArray();
      assertEquals(expected.length, race.get(0).size());
      for (int i = 0; i < expected.length; i++) {
        assertEquals(
            ((Number) expected[i]).floatValue(), ((Number) race.get(0).get(i)).floatValue());
      }
    }
  }

  @Test
  void floatListsEqualTheRecordPath() throws Exception {
    SyntheticRun.Files files = SyntheticRun.write(dir, SyntheticRun.Options.realistic(60, 13));
    ParquetFile f = ParquetFile.open(files.predictions());
    List<String> columns =
        List.of(
            PredictionColumns.probabilities("age"),
            "no_such_column",
            PredictionColumns.probabilities("race"));
    List<String> expected = new ArrayList<>();
    f.read(
        columns,
        r ->
            expected.add(
                r.get(PredictionColumns.probabilities("age"))
                    + " null "
                    + r.get(PredictionColumns.probabilities("race"))));
    List<String> fast = new ArrayList<>();
    f.readFloatLists(
        columns,
        (row, values, lengths) -> {
          assertEquals(fast.size(), row);
          StringBuilder b = new StringBuilder();
          for (int c = 0; c < columns.size(); c++) {
            if (c > 0) {
              b.append(' ');
            }
            if (lengths[c] < 0) {
              b.append("null");
              continue;
            }
            List<Float> list = new ArrayList<>();
            for (int k = 0; k < lengths[c]; k++) {
              list.add(values[c][k]);
            }
            b.append(list);
          }
          fast.add(b.toString());
        });
    assertEquals(expected, fast);
  }

  @Test
  void floatListsReadNullEmptyAndNullElementsAcrossRowGroups() throws Exception {
    // written by DuckDB, an independent writer: doubles, null lists, empty lists, null elements,
    // and row groups of three rows, so rows cross column-chunk boundaries
    Path file = dir.resolve("lists.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(
          "copy (select * from (values (1, [0.5, 0.25]::double[]), (2, null), (3, []::double[]),"
              + " (4, [null, 1.0]::double[]), (5, [0.125]::double[]), (6, null), (7, [2.0,"
              + " 3.0, 4.0]::double[])) t(id, p) order by id) to '"
              + file.toString().replace("'", "''")
              + "' (format parquet, row_group_size 3)");
    }
    ParquetFile f = ParquetFile.open(file);
    List<String> rows = new ArrayList<>();
    f.readFloatLists(
        List.of("p"),
        (row, values, lengths) -> {
          List<Float> list = new ArrayList<>();
          for (int k = 0; k < lengths[0]; k++) {
            list.add(values[0][k]);
          }
          rows.add(row + ":" + (lengths[0] < 0 ? "null" : list.toString()));
        });
    assertEquals(
        List.of(
            "0:[0.5, 0.25]",
            "1:null",
            "2:[]",
            "3:[NaN, 1.0]",
            "4:[0.125]",
            "5:null",
            "6:[2.0, 3.0, 4.0]"),
        rows);
    IOException e =
        assertThrows(IOException.class, () -> f.readFloatLists(List.of("id"), (r, v, l) -> {}));
    assertTrue(e.getMessage().contains("id is not a list of numbers"), e.getMessage());
  }

  @Test
  void duckDbReadsTheListsAndTheFooterEntry() throws Exception {
    SyntheticRun.Files files = SyntheticRun.write(dir, SyntheticRun.Options.realistic(40, 11));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      String file = files.predictions().toString().replace("'", "''");
      try (ResultSet r =
          s.executeQuery(
              "select count(*), min(len(race_probs)), max(len(age_probs)) from '" + file + "'")) {
        r.next();
        assertEquals(files.predictionRows(), r.getLong(1));
        assertEquals(5, r.getInt(2));
        assertEquals(115, r.getInt(3));
      }
      try (ResultSet r =
          s.executeQuery(
              "select decode(value) from parquet_kv_metadata('"
                  + file
                  + "') "
                  + "where decode(key) = '"
                  + RunProvenance.FOOTER_KEY
                  + "'")) {
        assertTrue(r.next(), "DuckDB sees the dmtl.run footer entry");
        assertEquals(
            SyntheticRun.MODEL_SHA256,
            RunProvenance.fromFooter(r.getString(1), "x").model().sha256());
      }
    }
  }

  @Test
  void notParquetIsNamed() throws IOException {
    Path text = Files.writeString(dir.resolve("x.parquet"), "hello");
    IOException e = assertThrows(IOException.class, () -> ParquetFile.open(text));
    assertTrue(
        e.getMessage().startsWith("cannot read the Parquet footer of " + text), e.getMessage());
  }

  @Test
  void aFileWithoutFooterEntryHasNoProvenance() throws IOException {
    Path p = dir.resolve("plain.parquet");
    try (ParquetRowWriter w = ParquetRowWriter.to(p, PredictionSchema.deadLetters(), Map.of())) {
      // an empty file: schema and footer only
    }
    ParquetFile f = ParquetFile.open(p);
    assertEquals(0, f.rows());
    assertTrue(f.runProvenance().isEmpty());
  }
}
