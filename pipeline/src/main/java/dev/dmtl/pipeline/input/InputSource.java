package dev.dmtl.pipeline.input;

import dev.dmtl.inference.batch.BatchSize;
import dev.dmtl.pipeline.RunCounters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.util.CoderUtils;

/**
 * The inputs as a bounded source of {@link InputUnit}s, one unit per split.
 *
 * <p>Why a source and not a listing step followed by a shuffle: a runner hands a source's splits to
 * its workers on request (Flink's input-split assigner gives the next split to whichever worker
 * asks), so a worker that runs ahead simply takes more batches and all workers finish together. A
 * shuffle assigns inputs to workers by a hash of their key up front; on embedded Flink that left
 * one of two workers with 3.6 % more of 20,000 inputs, idle for the last 4 s of the run, and it
 * made listing, sorting and inference three blocking steps. Here the units flow straight from the
 * split into decoding and inference in one chained task, and nothing crosses a shuffle.
 *
 * <p>The listing runs in {@link #split}: on the driver for the Direct runner and embedded Flink, on
 * the JobManager for a Flink cluster, which must see the same paths as its TaskManagers (as it does
 * for Flink's own file sources).
 */
public final class InputSource extends BoundedSource<InputUnit> {
  private static final long serialVersionUID = 1L;
  private static final ListCoder<InputPattern> PATTERNS = ListCoder.of(InputPattern.Coder.INSTANCE);

  // Both encoded with their Beam coders: the records are not Java-serializable, and sources are.
  /** Before {@link #split}: the patterns to list. After: null. */
  private final byte[] patterns;

  /** After {@link #split}: its one unit. Before: null. */
  private final byte[] unit;

  private final int batchSize;
  private final String runId;

  /**
   * @param patterns what the user named, resolved on the driver
   * @param batchSize plain files per unit: the model's batch size
   * @param runId the run whose live progress learns the number of inputs listed
   */
  public InputSource(List<InputPattern> patterns, BatchSize batchSize, String runId) {
    this(encode(PATTERNS, patterns), null, batchSize.faces(), runId);
  }

  private InputSource(byte[] patterns, byte[] unit, int batchSize, String runId) {
    this.patterns = patterns;
    this.unit = unit;
    this.batchSize = batchSize;
    this.runId = Objects.requireNonNull(runId, "runId");
  }

  @Override
  public List<InputSource> split(long desiredBundleSizeBytes, PipelineOptions options)
      throws IOException {
    if (patterns == null) {
      return List.of(this);
    }
    List<InputUnit> units = list(options);
    List<InputSource> splits = new ArrayList<>(units.size());
    for (InputUnit u : units) {
      splits.add(new InputSource(null, encode(InputUnit.Coder.INSTANCE, u), batchSize, runId));
    }
    return splits;
  }

  /** Lists the patterns into units and tells the run's live progress how many inputs it found. */
  private List<InputUnit> list(PipelineOptions options) throws IOException {
    // a Flink JobManager has not necessarily registered Beam's file systems for this job yet
    FileSystems.setDefaultPipelineOptions(options);
    List<InputUnit> units = InputListing.list(decode(PATTERNS, patterns), batchSize);
    new RunCounters(runId).listed(units.stream().mapToLong(InputUnit::listedInputs).sum());
    return units;
  }

  /**
   * Not known before listing, and listing is what {@link #split} is for; the splits are one unit
   * each.
   */
  @Override
  public long getEstimatedSizeBytes(PipelineOptions options) {
    return unit == null ? 0 : unit.length;
  }

  @Override
  public BoundedReader<InputUnit> createReader(PipelineOptions options) throws IOException {
    if (unit == null) {
      // a runner that reads without splitting first: list now, read every unit in order
      return new UnitReader(this, list(options));
    }
    return new UnitReader(this, List.of(decode(InputUnit.Coder.INSTANCE, unit)));
  }

  @Override
  public Coder<InputUnit> getOutputCoder() {
    return InputUnit.Coder.INSTANCE;
  }

  private static <T> byte[] encode(Coder<T> coder, T value) {
    try {
      return CoderUtils.encodeToByteArray(coder, value);
    } catch (CoderException e) {
      throw new IllegalStateException("cannot encode " + value, e);
    }
  }

  private static <T> T decode(Coder<T> coder, byte[] bytes) throws IOException {
    return CoderUtils.decodeFromByteArray(coder, bytes);
  }

  /** Reads a fixed list of units. */
  private static final class UnitReader extends BoundedReader<InputUnit> {
    private final InputSource source;
    private final List<InputUnit> units;
    private int next;
    private InputUnit current;

    UnitReader(InputSource source, List<InputUnit> units) {
      this.source = source;
      this.units = units;
    }

    @Override
    public boolean start() {
      return advance();
    }

    @Override
    public boolean advance() {
      if (next >= units.size()) {
        current = null;
        return false;
      }
      current = units.get(next++);
      return true;
    }

    @Override
    public InputUnit getCurrent() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public void close() {}

    @Override
    public BoundedSource<InputUnit> getCurrentSource() {
      return source;
    }
  }
}
