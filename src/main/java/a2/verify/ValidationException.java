package a2.verify;

import a2.io.InvalidInputException;
import java.util.List;

/**
 * One or more files failed validation (exit code 2). {@link #lines()} are ready to print, one problem each, in
 * the form {@code FILE:LINE: message}; the exception message is the same lines joined.
 */
public final class ValidationException extends InvalidInputException {
    private final List<String> lines;

    public ValidationException(List<String> lines) {
        super(String.join("\n", lines));
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a validation failure names at least one problem");
        }
        this.lines = List.copyOf(lines);
    }

    public List<String> lines() {
        return lines;
    }
}
