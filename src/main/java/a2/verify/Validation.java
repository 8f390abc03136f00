package a2.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of validating an {@code Id,<label>} file such as a submission.
 *
 * @param problems the first {@link Problems#MAX_LISTED} problems by line number; empty when the file is valid
 * @param unlisted how many more problems were found but not listed
 * @param rows     data rows seen (non-blank lines after the header), valid or not
 * @param labels   present only when the file is valid: {@code labels().get()[id - 1]} is the 1-based label of
 *                 Id {@code id} (a valid file holds exactly Ids 1..rows, in order)
 */
public record Validation(List<Problem> problems, int unlisted, int rows, Optional<int[]> labels) {
    public Validation {
        problems = List.copyOf(problems);
        Objects.requireNonNull(labels);
        if (unlisted < 0 || (unlisted > 0 && problems.isEmpty())) {
            throw new IllegalArgumentException("unlisted=" + unlisted + " with " + problems.size() + " listed");
        }
        if (labels.isPresent() != problems.isEmpty()) {
            throw new IllegalArgumentException("labels are given exactly when there are no problems");
        }
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** All problems found, listed or not. */
    public int problemCount() {
        return problems.size() + unlisted;
    }

    /** The labels of a valid file; throws {@link ValidationException} listing the problems otherwise. */
    public int[] labelsOrThrow(Path file) {
        if (!ok()) {
            throw new ValidationException(describe(file));
        }
        return labels.get();
    }

    /** One line per problem, {@code FILE:LINE: message}, and a last line counting the problems not listed. */
    public List<String> describe(Path file) {
        List<String> lines = new ArrayList<>(problems.size() + 1);
        for (Problem p : problems) {
            lines.add(file + ":" + p.line() + ": " + p.message());
        }
        if (unlisted > 0) {
            lines.add(String.format(Locale.ROOT, "%s: ... and %,d more problems not listed (%,d in all)",
                    file, unlisted, problemCount()));
        }
        return lines;
    }

    static Validation of(Problems found, int rows, int[] labels) {
        return new Validation(found.listed(), found.unlisted(), rows,
                found.isEmpty() ? Optional.of(labels) : Optional.empty());
    }
}
