package a2.verify;

import java.util.Objects;

/**
 * One thing wrong with a file.
 *
 * @param line    1-based line number (the header is line 1); a problem about the end of the file names the
 *                line after the last one
 * @param message what was found and what was expected, in words a student can act on
 */
public record Problem(int line, String message) {
    public Problem {
        if (line < 1) {
            throw new IllegalArgumentException("line numbers are 1-based, got " + line);
        }
        Objects.requireNonNull(message);
    }
}
