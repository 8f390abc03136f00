package a2.grade;

import a2.io.AtomicFiles;
import a2.verify.KaggleText;
import a2.verify.PredictionsFile;
import a2.verify.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A team's submission as the grader checks it before any child starts: fetched (a path, a {@code file:} or an
 * {@code http(s):} URL), its SHA-256 taken on the bytes the team submitted, a BOM and CRLF line ends removed with
 * a warning, then held to the strict format with the graded row count.
 *
 * @param status     empty when the submission is valid; else MISSING_SUBMISSION or INVALID_SUBMISSION
 * @param sha256     of the submitted bytes; empty when there were none
 * @param normalized the file the child compares with (written in the team's folder)
 * @param labels     1-based, index id - 1, when valid
 */
record Submission(Optional<Status> status, String detail, String sha256, Path normalized, int[] labels,
                  List<String> warnings) {
    static final String NORMALIZED = "submission.csv";
    /** A submission is about 100 KB; this stops a wrong URL long before it fills memory. */
    private static final long MAX_BYTES = 16L << 20;

    static Submission prepare(String location, Path teamDir, int rows, int numClasses, Duration timeout) {
        Path normalized = teamDir.resolve(NORMALIZED);
        byte[] raw;
        try {
            raw = fetch(location, timeout);
        } catch (IOException e) {
            return new Submission(Optional.of(Status.MISSING_SUBMISSION), "no submission at " + location + ": "
                    + e.getMessage(), "", normalized, null, List.of());
        }
        KaggleText text = KaggleText.normalize(raw, "submission");
        AtomicFiles.writeBytes(normalized, text.bytes());
        Validation v = PredictionsFile.validate(normalized, OptionalInt.of(rows), numClasses);
        String sha = a2.io.Hashes.sha256(raw);
        if (!v.ok()) {
            List<String> problems = v.describe(Path.of("submission"));
            String detail = v.problemCount() + " format problem" + (v.problemCount() == 1 ? "" : "s") + ": "
                    + problems.get(0) + (problems.size() > 1 ? " (more in the report)" : "");
            return new Submission(Optional.of(Status.INVALID_SUBMISSION), detail, sha, normalized, null,
                    concat(text.warnings(), problems));
        }
        return new Submission(Optional.empty(), "", sha, normalized, v.labels().get(), text.warnings());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static byte[] fetch(String location, Duration timeout) throws IOException {
        if (!location.matches("(?i)https?:.*")) {
            Path p = location.matches("(?i)file:.*") ? Path.of(URI.create(location)) : Path.of(location);
            if (!Files.isRegularFile(p)) {
                throw new IOException(Files.exists(p) ? "not a regular file" : "no such file");
            }
            if (Files.size(p) > MAX_BYTES) {
                throw new IOException("larger than " + MAX_BYTES + " bytes: not a submission");
            }
            return Files.readAllBytes(p);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(location)).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw new IOException("HTTP " + r.statusCode());
                }
                byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new IOException("larger than " + MAX_BYTES + " bytes: not a submission");
                }
                return bytes;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
