package dev.dmtl.inference.explain;

import dev.dmtl.inference.face.AlignedFaceExtractor;
import dev.dmtl.inference.face.FaceCrop;
import dev.dmtl.inference.image.DecodeLimits;
import dev.dmtl.inference.image.ImageDecoder;
import dev.dmtl.inference.model.BundledModel;
import dev.dmtl.inference.model.DmtlModel;
import dev.dmtl.inference.model.ModelOptions;
import dev.dmtl.testdata.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The first UTKFace sample faces of {@code testdata}, aligned for the model the tests explain. */
final class SampleCrops {

  private SampleCrops() {}

  /** The first {@code n} sample files (by name) as crops at {@code modelBytes}' input size. */
  static List<FaceCrop> aligned(byte[] modelBytes, int n) throws Exception {
    ImageDecoder decoder = new ImageDecoder(DecodeLimits.DEFAULTS);
    List<FaceCrop> faces = new ArrayList<>();
    try (DmtlModel model =
            DmtlModel.load(BundledModel.SOURCE, modelBytes, ModelOptions.CPU_SINGLE_THREAD);
        Stream<Path> files = Files.list(TestData.utkfaceSample())) {
      AlignedFaceExtractor extractor = AlignedFaceExtractor.forInput(model.contract().input());
      for (Path file : files.sorted().limit(n).toList()) {
        faces.add(extractor.extract(decoder.decode(Files.readAllBytes(file)).image()).get(0));
      }
    }
    return faces;
  }
}
