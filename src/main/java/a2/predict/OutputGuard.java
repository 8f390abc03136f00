package a2.predict;

import a2.io.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the default run from writing over what it verifies. It regenerates predictions and compares them with the
 * team's submission; if its output landed on the submission (or on the scores or provenance beside it), the team's
 * file would be replaced and then compared with itself: a false MATCH, and the submission gone. Paths are compared
 * as the file system resolves them (symbolic links, {@code ..}, outputs that do not exist yet) and by file key, so
 * a hard link to the submission counts as the submission.
 */
public final class OutputGuard {
    /** Symbolic links followed at most, as the kernel's own limit (ELOOP beyond it). */
    static final int MAX_LINKS = 40;

    private OutputGuard() {}

    /** Refuses (exit 2) when any of the three files written for {@code out} is one of the submission's three. */
    public static void refuseOverlap(Path out, Path submission) {
        List<Path> written = Prediction.trio(out);
        List<Path> verified = Prediction.trio(submission);
        for (Path w : written) {
            for (Path v : verified) {
                if (same(w, v)) {
                    String whose = v.equals(submission) ? "the submission " + submission
                            : "the " + v.getFileName() + " beside the submission " + submission;
                    throw new InvalidInputException("--out " + out + " would write " + w + " over " + whose
                            + "; the run compares what it writes with the submission, so the two must be apart: choose"
                            + " another --out or --submission (to write the submission itself, use predict --out)");
                }
            }
        }
    }

    /** Whether writing {@code a} would write {@code b}. */
    static boolean same(Path a, Path b) {
        Path ra = resolved(a);
        Path rb = resolved(b);
        if (ra.equals(rb)) {
            return true;
        }
        Optional<Object> ka = fileKey(ra);
        return ka.isPresent() && ka.equals(fileKey(rb));
    }

    /**
     * The path the file system would write for {@code p}: an existing file's real path; for one that does not exist
     * yet, the real path of its nearest existing folder with the rest appended, a dangling link followed to its target.
     */
    static Path resolved(Path p) {
        Path path = p.toAbsolutePath().normalize();
        for (int links = 0; links <= MAX_LINKS; links++) {
            try {
                if (Files.exists(path)) {
                    return path.toRealPath();
                }
                if (Files.isSymbolicLink(path)) { // a link to a file not yet written: it would be written there
                    path = path.getParent().resolve(Files.readSymbolicLink(path)).normalize();
                    continue;
                }
                Path parent = path.getParent();
                return parent == null ? path : resolved(parent).resolve(path.getFileName());
            } catch (IOException e) {
                throw new UncheckedIOException("could not resolve " + p + ": " + e, e);
            }
        }
        throw new InvalidInputException(p + " is a chain of more than " + MAX_LINKS + " symbolic links");
    }

    private static Optional<Object> fileKey(Path p) {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Files.readAttributes(p, BasicFileAttributes.class).fileKey());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + p + ": " + e, e);
        }
    }
}
