package dev.dmtl.contract.labels;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Labels encoded in UTKFace file names: {@code age_gender_race_datetime.jpg.chip.jpg}, age 1–116
 * years, gender 0 male / 1 female, race 0 white, 1 black, 2 asian, 3 indian, 4 others. A few names
 * lack the race field ({@code 39_1_20170116174525125.jpg.chip.jpg}); their race stays unknown.
 */
public final class UtkFaceNames {

  /** Gender labels in UTKFace code order, as the default model names them. */
  public static final List<String> GENDERS = List.of("male", "female");

  /** Race labels in UTKFace code order, as the default model names them. */
  public static final List<String> RACES = List.of("white", "black", "asian", "indian", "others");

  // age _ gender _ [race _] datetime(digits) then anything (".jpg.chip.jpg")
  private static final Pattern NAME =
      Pattern.compile("^(\\d{1,3})_(\\d)_(?:(\\d)_)?(\\d{8,})\\D.*$");
  private static final int MAX_AGE = 130;

  private UtkFaceNames() {}

  /**
   * Parses the labels from a file name (a path's last segment is used).
   *
   * @return the labels, or empty when the name does not follow the UTKFace pattern at all; fields
   *     whose codes are out of range are null
   */
  public static Optional<FaceLabels> parse(String pathOrName) {
    String name =
        pathOrName.substring(
            Math.max(pathOrName.lastIndexOf('/'), pathOrName.lastIndexOf('\\')) + 1);
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    int age = Integer.parseInt(m.group(1));
    int gender = Integer.parseInt(m.group(2));
    Integer ageLabel = age >= 1 && age <= MAX_AGE ? age : null;
    String genderLabel = gender < GENDERS.size() ? GENDERS.get(gender) : null;
    String raceLabel = null;
    if (m.group(3) != null) {
      int race = Integer.parseInt(m.group(3));
      raceLabel = race < RACES.size() ? RACES.get(race) : null;
    }
    FaceLabels labels = FaceLabels.exact(ageLabel, genderLabel, raceLabel);
    return labels.isEmpty() ? Optional.empty() : Optional.of(labels);
  }
}
