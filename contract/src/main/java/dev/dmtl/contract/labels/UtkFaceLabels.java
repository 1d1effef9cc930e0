package dev.dmtl.contract.labels;

import java.util.Optional;

/** {@code --labels utkface}: labels parsed from UTKFace file names ({@link UtkFaceNames}). */
public final class UtkFaceLabels implements LabelSource {

  public static final UtkFaceLabels INSTANCE = new UtkFaceLabels();

  private UtkFaceLabels() {}

  @Override
  public String description() {
    return "utkface";
  }

  @Override
  public Optional<FaceLabels> lookup(String relativePath) {
    return UtkFaceNames.parse(relativePath);
  }
}
