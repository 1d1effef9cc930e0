package dev.dmtl.inference.face.detect;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.dmtl.contract.rows.Stage;
import dev.dmtl.inference.face.FaceDetection;
import dev.dmtl.inference.face.FaceExtractionException;
import dev.dmtl.inference.image.RgbImage;
import dev.dmtl.inference.model.OrtEnvironments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The YuNet face detector (libfacedetection.train, Apache-2.0; the network OpenCV ships as {@code
 * face_detection_yunet}) run with ONNX Runtime. The bundled model is YuNet-s with dynamic batch and
 * input size ({@link #BUNDLED_MODEL}, see docs/THIRD_PARTY.md).
 *
 * <p>Input preparation follows OpenCV's {@code FaceDetectorYN}: BGR channel order, raw 0..255
 * values as float (no mean or scaling), the photo at the top-left of a zero-padded input whose
 * sides are multiples of 32 (see {@link Letterbox} for the scaling of large photos, which is
 * anti-aliased: {@link Bilinear#shrink}).
 *
 * <p>Why ONNX Runtime's Java API rather than DJL here: YuNet has twelve named outputs that are
 * decoded together, its input size changes with every photo, and {@link OrtSession#run} is safe to
 * call from several threads, so one detector serves every pipeline worker. A DJL {@code Predictor}
 * is not thread-safe and would add a translator layer that only reshapes arrays. The session uses
 * the same ONNX Runtime artifact (CPU or GPU, chosen by the build) as the DJL engine of the DMTL
 * model.
 *
 * <p>Thread-safe. Close it to release the native session.
 */
public final class YuNetDetector implements AutoCloseable {

  /** Classpath location of the bundled model, relative to this class. */
  public static final String BUNDLED_MODEL = "yunet.onnx";

  private static final String INPUT = "input";

  private final OrtEnvironment env;
  private final OrtSession session;
  private final DetectorOptions options;
  private final boolean dynamicSize;
  private final int fixedWidth;
  private final int fixedHeight;
  private final boolean dynamicBatch;

  private YuNetDetector(
      OrtEnvironment env, OrtSession session, DetectorOptions options, String where)
      throws OrtException {
    this.env = env;
    this.session = session;
    this.options = options;
    NodeInfo input = session.getInputInfo().get(INPUT);
    if (input == null
        || !(input.getInfo() instanceof TensorInfo info)
        || info.getShape().length != 4) {
      throw new IllegalArgumentException(
          where
              + " is not a YuNet model: it has no 4-D input named '"
              + INPUT
              + "' (inputs: "
              + session.getInputNames()
              + ")");
    }
    Set<String> outputs = session.getOutputNames();
    for (int stride : YuNetOutputs.STRIDES) {
      for (String name : YuNetOutputs.outputNames(stride)) {
        if (!outputs.contains(name)) {
          throw new IllegalArgumentException(
              where
                  + " is not a YuNet model: output '"
                  + name
                  + "' is missing (outputs: "
                  + outputs
                  + ")");
        }
      }
    }
    long[] shape = info.getShape();
    this.dynamicBatch = shape[0] < 0;
    this.dynamicSize = shape[2] < 0 || shape[3] < 0;
    this.fixedHeight = (int) shape[2];
    this.fixedWidth = (int) shape[3];
  }

  /** Opens the model bundled in this jar. */
  public static YuNetDetector openBundled(DetectorOptions options) throws IOException {
    byte[] bytes;
    try (InputStream in = YuNetDetector.class.getResourceAsStream(BUNDLED_MODEL)) {
      if (in == null) {
        throw new IOException(
            "the bundled face detector "
                + BUNDLED_MODEL
                + " is missing from the classpath next to "
                + YuNetDetector.class.getName());
      }
      bytes = in.readAllBytes();
    }
    return open(bytes, options, "bundled " + BUNDLED_MODEL);
  }

  /**
   * Opens a YuNet ONNX file, e.g. {@code yunet_s_640_640.onnx} (fixed-size models get photos scaled
   * to fit).
   */
  public static YuNetDetector open(Path model, DetectorOptions options) throws IOException {
    return open(Files.readAllBytes(model), options, model.toString());
  }

  private static YuNetDetector open(byte[] model, DetectorOptions options, String where)
      throws IOException {
    OrtEnvironment env = OrtEnvironments.shared();
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
      so.setIntraOpNumThreads(options.threads());
      so.setInterOpNumThreads(1);
      so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      OrtSession session = env.createSession(model, so);
      try {
        return new YuNetDetector(env, session, options, where);
      } catch (IllegalArgumentException e) {
        session.close();
        throw new IOException(e.getMessage(), e);
      } catch (RuntimeException | OrtException e) {
        session.close();
        throw e;
      }
    } catch (OrtException e) {
      throw new IOException(
          "cannot load the face detector from " + where + ": " + e.getMessage(), e);
    }
  }

  public DetectorOptions options() {
    return options;
  }

  /** Whether several photos can run in one batch (the bundled dynamic model: yes). */
  public boolean supportsBatches() {
    return dynamicBatch;
  }

  /**
   * The faces of one photo, best first, after score threshold, minimum size and NMS; empty when
   * there is none.
   *
   * @throws FaceExtractionException with stage {@link Stage#DETECT} when ONNX Runtime fails
   */
  public List<FaceDetection> detect(RgbImage image) throws FaceExtractionException {
    return detectBatch(List.of(image)).get(0);
  }

  /**
   * The faces of several photos in one network run when the model allows it: every photo is placed
   * in a zero-padded input as large as the largest of them. Results are in input order. Photos of
   * very different sizes waste work on padding; the pipeline batches photos as they come.
   */
  public List<List<FaceDetection>> detectBatch(List<RgbImage> images)
      throws FaceExtractionException {
    if (images.isEmpty()) {
      return List.of();
    }
    if (!dynamicBatch && images.size() > 1) {
      List<List<FaceDetection>> out = new ArrayList<>(images.size());
      for (RgbImage image : images) {
        out.add(detectBatch(List.of(image)).get(0));
      }
      return out;
    }
    List<Letterbox> boxes = new ArrayList<>(images.size());
    int width = 0;
    int height = 0;
    for (RgbImage image : images) {
      Letterbox box = letterbox(image);
      boxes.add(box);
      width = Math.max(width, box.paddedWidth());
      height = Math.max(height, box.paddedHeight());
    }
    if (!dynamicSize) {
      width = fixedWidth;
      height = fixedHeight;
    }
    float[] tensor = new float[images.size() * 3 * width * height];
    for (int i = 0; i < images.size(); i++) {
      fillBgr(
          Bilinear.shrink(images.get(i), boxes.get(i).resizedWidth(), boxes.get(i).resizedHeight()),
          tensor,
          i,
          width,
          height);
    }
    YuNetOutputs outputs = run(tensor, images.size(), width, height);
    List<List<FaceDetection>> result = new ArrayList<>(images.size());
    for (int i = 0; i < images.size(); i++) {
      List<FaceDetection> candidates =
          YuNetDecoder.decode(
              outputs, i, boxes.get(i), options.scoreThreshold(), options.minFaceSize());
      result.add(NonMaxSuppression.apply(candidates, options.nmsIou(), options.topK()));
    }
    return result;
  }

  private Letterbox letterbox(RgbImage image) {
    if (dynamicSize) {
      return Letterbox.of(image.width(), image.height(), options.maxSide());
    }
    // A fixed-size model: scale the photo to fit inside its input (never enlarging).
    double scale =
        Math.min(
            1.0,
            Math.min((double) fixedWidth / image.width(), (double) fixedHeight / image.height()));
    int w = Math.max(1, Math.min(fixedWidth, (int) Math.floor(image.width() * scale)));
    int h = Math.max(1, Math.min(fixedHeight, (int) Math.floor(image.height() * scale)));
    return new Letterbox(
        image.width(), image.height(), Math.min(w, image.width()), Math.min(h, image.height()));
  }

  /**
   * Writes one photo as planar B, G, R floats 0..255 at the top-left of image slot {@code index}.
   */
  private static void fillBgr(RgbImage image, float[] tensor, int index, int width, int height) {
    int plane = width * height;
    int base = index * 3 * plane;
    byte[] data = image.data();
    int w = image.width();
    for (int y = 0; y < image.height(); y++) {
      int row = y * width;
      int src = y * w * 3;
      for (int x = 0; x < w; x++) {
        int p = src + x * 3;
        int o = base + row + x;
        tensor[o] = data[p + 2] & 0xFF; // B
        tensor[o + plane] = data[p + 1] & 0xFF; // G
        tensor[o + 2 * plane] = data[p] & 0xFF; // R
      }
    }
  }

  private YuNetOutputs run(float[] tensor, int batch, int width, int height)
      throws FaceExtractionException {
    long[] shape = {batch, 3, height, width};
    try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(tensor), shape);
        OrtSession.Result result = session.run(Map.of(INPUT, input))) {
      List<YuNetOutputs.Level> levels = new ArrayList<>(YuNetOutputs.STRIDES.size());
      for (int stride : YuNetOutputs.STRIDES) {
        List<String> names = YuNetOutputs.outputNames(stride);
        levels.add(
            new YuNetOutputs.Level(
                stride,
                floats(result, names.get(0)),
                floats(result, names.get(1)),
                floats(result, names.get(2)),
                floats(result, names.get(3))));
      }
      return new YuNetOutputs(width, height, batch, levels);
    } catch (OrtException e) {
      throw new FaceExtractionException(
          Stage.DETECT,
          "face detector failed on a " + width + "x" + height + " input: " + e.getMessage(),
          e);
    } catch (IllegalArgumentException e) {
      throw new FaceExtractionException(
          Stage.DETECT, "face detector output is malformed: " + e.getMessage(), e);
    }
  }

  private static float[] floats(OrtSession.Result result, String name) throws OrtException {
    OnnxValue value =
        result
            .get(name)
            .orElseThrow(() -> new IllegalArgumentException("output " + name + " is missing"));
    if (!(value instanceof OnnxTensor t)) {
      throw new IllegalArgumentException("output " + name + " is not a tensor");
    }
    FloatBuffer buffer = t.getFloatBuffer();
    float[] out = new float[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the face detector session", e);
    }
  }
}
