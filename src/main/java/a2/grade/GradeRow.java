package a2.grade;

import java.util.List;
import java.util.OptionalDouble;

/**
 * One team's line in the grades: accuracies are those of the file the team submitted (what Kaggle scored),
 * whatever the regeneration gave; NaN where there is nothing to score.
 *
 * @param flags        what a human should look at: shared model, suspicious agreement, a Kaggle score that
 *                     does not match, an override
 * @param privateRank  1-based rank by private accuracy (0: not ranked, no valid submission)
 */
public record GradeRow(String team, Status status, double agreement, double publicAccuracy, double privateAccuracy,
                       double accuracy, double points, String detail, OptionalDouble kagglePublic, List<String> flags,
                       int privateRank, int publicRank, String modelSha256) {
    public GradeRow {
        flags = List.copyOf(flags);
    }

    /** The accuracy the ranking uses: Kaggle's final (private) one, or the whole one without a Usage column. */
    public double rankingAccuracy() {
        return Double.isNaN(privateAccuracy) ? accuracy : privateAccuracy;
    }

    GradeRow withRanks(int priv, int pub) {
        return new GradeRow(team, status, agreement, publicAccuracy, privateAccuracy, accuracy, points, detail,
                kagglePublic, flags, priv, pub, modelSha256);
    }
}
