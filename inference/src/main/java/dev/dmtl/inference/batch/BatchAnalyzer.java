package dev.dmtl.inference.batch;

import dev.dmtl.contract.ContentHash;
import dev.dmtl.contract.rows.Stage;
import dev.dmtl.inference.face.FaceCrop;
import dev.dmtl.inference.face.FaceExtractionException;
import dev.dmtl.inference.face.FaceExtractor;
import dev.dmtl.inference.image.DecodedImage;
import dev.dmtl.inference.image.ImageDecodeException;
import dev.dmtl.inference.image.ImageDecoder;
import dev.dmtl.inference.model.FacePrediction;
import dev.dmtl.inference.model.FacePredictor;
import dev.dmtl.inference.model.InferenceException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Decode → faces → batched prediction for a list of encoded images, with every expected per-image
 * fault returned as an {@link ImageOutcome.Failed} at its stage. Faces are predicted in batches of
 * at most {@code batchSize}; if ONNX Runtime fails on a batch, its faces are retried one by one so
 * one bad input cannot take its neighbours down, and an image any of whose faces fails is reported
 * as failed as a whole (an input yields rows or a dead letter, never both).
 *
 * <p>Not thread-safe (it owns a {@link FacePredictor}); one per thread or DoFn instance.
 */
public final class BatchAnalyzer {

  private final ImageDecoder decoder;
  private final FaceExtractor extractor;
  private final FacePredictor predictor;
  private final int batchSize;
  private final IntConsumer batchListener;
  private final FaceMaps maps;

  public BatchAnalyzer(
      ImageDecoder decoder, FaceExtractor extractor, FacePredictor predictor, BatchSize batchSize) {
    this(decoder, extractor, predictor, batchSize, faces -> {});
  }

  /**
   * @param batchListener told the number of faces of every ONNX Runtime call, for batch-size
   *     metrics (a retry of a failed batch calls it once per face)
   */
  public BatchAnalyzer(
      ImageDecoder decoder,
      FaceExtractor extractor,
      FacePredictor predictor,
      BatchSize batchSize,
      IntConsumer batchListener) {
    this(decoder, extractor, predictor, batchSize, batchListener, FaceMaps.NONE);
  }

  /**
   * @param batchListener told the number of faces of every ONNX Runtime call, for batch-size
   *     metrics (a retry of a failed batch calls it once per face)
   * @param maps whether and how every prediction gets saliency maps ({@code --cams})
   */
  public BatchAnalyzer(
      ImageDecoder decoder,
      FaceExtractor extractor,
      FacePredictor predictor,
      BatchSize batchSize,
      IntConsumer batchListener,
      FaceMaps maps) {
    this.maps = maps;
    this.decoder = decoder;
    this.extractor = extractor;
    this.predictor = predictor;
    this.batchSize = batchSize.faces();
    this.batchListener = batchListener;
  }

  /** Faces handed to ONNX Runtime per call at most. */
  public int batchSize() {
    return batchSize;
  }

  /** Analyses encoded images; the result has one outcome per input, in input order. */
  public List<ImageOutcome> analyze(List<byte[]> images) {
    int n = images.size();
    ImageOutcome.Failed[] failed = new ImageOutcome.Failed[n];
    DecodedImage[] decoded = new DecodedImage[n];
    List<List<FaceCrop>> faces = new ArrayList<>(n);
    List<Pending> pending = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<FaceCrop> crops = List.of();
      try {
        decoded[i] = decoder.decode(images.get(i));
        crops = extractor.extract(decoded[i].image());
        if (crops.isEmpty()) {
          failed[i] = new ImageOutcome.Failed(Stage.NO_FACE, "NoFace", "no face found");
        }
      } catch (ImageDecodeException e) {
        failed[i] = new ImageOutcome.Failed(e.stage(), e.errorClass(), e.getMessage());
      } catch (FaceExtractionException e) {
        failed[i] = new ImageOutcome.Failed(e.stage(), errorClass(e), e.getMessage());
      }
      faces.add(crops);
      if (failed[i] == null) {
        for (FaceCrop crop : crops) {
          pending.add(new Pending(i, crop));
        }
      }
    }

    FacePrediction[] predictions = new FacePrediction[pending.size()];
    for (int from = 0; from < pending.size(); from += batchSize) {
      List<Pending> chunk = pending.subList(from, Math.min(pending.size(), from + batchSize));
      predictChunk(chunk, from, predictions, failed);
    }

    List<ImageOutcome> out = new ArrayList<>(n);
    int next = 0;
    for (int i = 0; i < n; i++) {
      if (failed[i] != null) {
        next += failed[i].stage() == Stage.INFER ? faces.get(i).size() : 0;
        out.add(failed[i]);
        continue;
      }
      List<AnalyzedFace> analyzed = new ArrayList<>(faces.get(i).size());
      for (FaceCrop crop : faces.get(i)) {
        analyzed.add(new AnalyzedFace(crop.faceIndex(), crop.detection(), predictions[next++]));
      }
      out.add(
          new ImageOutcome.Analyzed(
              ContentHash.sha256Hex(images.get(i)),
              decoded[i].image().width(),
              decoded[i].image().height(),
              analyzed));
    }
    return out;
  }

  private void predictChunk(
      List<Pending> chunk, int offset, FacePrediction[] predictions, ImageOutcome.Failed[] failed) {
    try {
      batchListener.accept(chunk.size());
      List<FacePrediction> result =
          maps.predict(predictor, chunk.stream().map(Pending::crop).toList());
      for (int k = 0; k < result.size(); k++) {
        predictions[offset + k] = result.get(k);
      }
    } catch (InferenceException batchFailure) {
      for (int k = 0; k < chunk.size(); k++) {
        Pending p = chunk.get(k);
        try {
          batchListener.accept(1);
          predictions[offset + k] = maps.predict(predictor, List.of(p.crop())).get(0);
        } catch (InferenceException e) {
          failed[p.image()] = new ImageOutcome.Failed(Stage.INFER, errorClass(e), e.getMessage());
        }
      }
    }
  }

  private static String errorClass(Exception e) {
    return e.getCause() == null
        ? e.getClass().getSimpleName()
        : e.getCause().getClass().getSimpleName();
  }

  private record Pending(int image, FaceCrop crop) {}
}
