package dev.dmtl.parquet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads numeric list columns (the {@code <task>_probs} probability vectors) straight from Parquet's
 * column readers into reused float buffers. The record path (parquet-avro) boxes every element and
 * builds a list per row: for a 115-threshold age task over a million rows that is 115 million
 * objects and most of the audit's reading time.
 *
 * <p>Works for both list layouts (three-level {@code list/element} and Avro's old two-level one)
 * because it only looks at the leaf column's definition and repetition levels: repetition level 0
 * starts a row; the definition level says whether the list is null, empty, holds a null element
 * (read as NaN) or holds a value.
 */
final class FloatListReader {

  /** One leaf column and what its definition levels mean. */
  private record Leaf(
      int index,
      ColumnDescriptor descriptor,
      int listDefined,
      int elementPresent,
      boolean isFloat) {}

  private FloatListReader() {}

  /**
   * Reads row group {@code rowGroup} (0-based), or every row group when it is negative; rows are
   * numbered from the start of the file either way.
   */
  static void read(
      InputFile in,
      MessageType fileSchema,
      List<String> columns,
      int rowGroup,
      ParquetFile.FloatListRows sink,
      String file)
      throws IOException {
    List<Leaf> leaves = new ArrayList<>();
    List<Type> requested = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      String name = columns.get(c);
      if (!fileSchema.containsField(name)) {
        continue;
      }
      leaves.add(leaf(c, name, fileSchema, file));
      requested.add(fileSchema.getType(name));
    }
    float[][] values = new float[columns.size()][16];
    int[] lengths = new int[columns.size()];
    Arrays.fill(lengths, -1);
    MessageType projection = new MessageType(fileSchema.getName(), requested);
    try (ParquetFileReader reader = ParquetFileReader.open(in)) {
      reader.setRequestedSchema(projection);
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      long row = 0;
      List<BlockMetaData> blocks = reader.getRowGroups();
      for (int k = 0; k < blocks.size(); k++) {
        if (rowGroup >= 0 && k != rowGroup) {
          row += blocks.get(k).getRowCount();
          if (!reader.skipNextRowGroup()) {
            throw new IOException(file + ": row group " + k + " cannot be skipped");
          }
          continue;
        }
        PageReadStore pages = reader.readNextRowGroup();
        if (pages == null) {
          throw new IOException(file + ": row group " + k + " is missing");
        }
        ColumnReadStoreImpl store =
            new ColumnReadStoreImpl(
                pages,
                new GroupRecordConverter(projection).getRootConverter(),
                projection,
                createdBy);
        ColumnReader[] readers = new ColumnReader[leaves.size()];
        long[] left = new long[leaves.size()];
        for (int l = 0; l < readers.length; l++) {
          readers[l] = store.getColumnReader(leaves.get(l).descriptor());
          left[l] = pages.getPageReader(leaves.get(l).descriptor()).getTotalValueCount();
        }
        long rowsInGroup = pages.getRowCount();
        for (long i = 0; i < rowsInGroup; i++) {
          for (int l = 0; l < readers.length; l++) {
            Leaf leaf = leaves.get(l);
            values[leaf.index()] =
                readRow(readers[l], leaf, left, l, values[leaf.index()], lengths, file);
          }
          sink.row(row++, values, lengths);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot read the lists of " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Consumes one row's values of one leaf into {@code buffer} (grown when needed); sets its length
   * (-1 for a null list) and returns the buffer.
   */
  private static float[] readRow(
      ColumnReader r, Leaf leaf, long[] left, int l, float[] buffer, int[] lengths, String file)
      throws IOException {
    if (left[l] <= 0) {
      throw new IOException(file + ": column " + leaf.descriptor() + " ended before its rows");
    }
    int n = 0;
    boolean first = true;
    boolean isNull = false;
    while (left[l] > 0 && (first || r.getCurrentRepetitionLevel() > 0)) {
      first = false;
      int d = r.getCurrentDefinitionLevel();
      if (d < leaf.listDefined()) {
        isNull = true;
      } else if (d >= leaf.elementPresent()) {
        if (n == buffer.length) {
          buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        if (d == leaf.descriptor().getMaxDefinitionLevel()) {
          buffer[n++] = leaf.isFloat() ? r.getFloat() : (float) r.getDouble();
        } else {
          buffer[n++] = Float.NaN; // a null element
        }
      }
      // otherwise an empty list: one level entry, no element
      r.consume();
      left[l]--;
    }
    lengths[leaf.index()] = isNull ? -1 : n;
    return buffer;
  }

  private static Leaf leaf(int index, String name, MessageType schema, String file)
      throws IOException {
    ColumnDescriptor found = null;
    for (ColumnDescriptor d : schema.getColumns()) {
      if (d.getPath()[0].equals(name)) {
        if (found != null) {
          throw new IOException(file + ": column " + name + " is not a list of numbers");
        }
        found = d;
      }
    }
    PrimitiveTypeName type = found == null ? null : found.getPrimitiveType().getPrimitiveTypeName();
    if (found == null
        || found.getMaxRepetitionLevel() != 1
        || (type != PrimitiveTypeName.FLOAT && type != PrimitiveTypeName.DOUBLE)) {
      throw new IOException(file + ": column " + name + " is not a list of numbers");
    }
    // the levels at which the list itself, and then its repeated node, are defined
    String[] path = found.getPath();
    int listDefined = schema.getMaxDefinitionLevel(new String[] {name});
    int elementPresent = -1;
    for (int depth = 1; depth <= path.length; depth++) {
      String[] prefix = Arrays.copyOf(path, depth);
      if (schema.getType(prefix).isRepetition(Type.Repetition.REPEATED)) {
        elementPresent = schema.getMaxDefinitionLevel(prefix);
        break;
      }
    }
    if (elementPresent < 0) {
      throw new IOException(file + ": column " + name + " is not a list of numbers");
    }
    return new Leaf(index, found, listDefined, elementPresent, type == PrimitiveTypeName.FLOAT);
  }
}
