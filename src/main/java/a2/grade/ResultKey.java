package a2.grade;

import a2.io.Hashes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The key a team's result is stored under: the SHA-256 of everything that decides it — the model's pin and
 * location, the submitted bytes, the labels, the rubric, the grader's own jar and the limits. A rerun reuses a
 * result whose key is unchanged (unless its status is worth retrying).
 */
final class ResultKey {
    private ResultKey() {}

    /** The inputs shared by every team of one run. */
    record Common(String labels, String rubric, String jar) {}

    static String of(Common common, Roster.Team team, String submissionSha256, Limits limits) {
        String text = String.join("\n", "model.sha256=" + team.sha256(), "model.location=" + team.model(),
                "submission.sha256=" + submissionSha256, "labels.sha256=" + common.labels(),
                "rubric.sha256=" + common.rubric(), "jar.sha256=" + common.jar(), "limits=" + limits.key());
        return Hashes.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of the jar this class was loaded from; a build from class folders has no jar to hash. */
    static String jar() {
        try {
            Path p = Path.of(ResultKey.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? Hashes.sha256(p) : "classes:" + p.toString().toLowerCase(Locale.ROOT);
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
            return "unknown";
        }
    }
}
