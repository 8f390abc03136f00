package a2.grade;

import a2.io.InvalidInputException;
import a2.predict.ModelPin;
import a2.verify.KaggleText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The class roster: {@code team,model,sha256,submission} with an optional {@code kaggle_public} column, one team
 * per line, in the order the grades keep. Plain comma-separated values (no quoting: no field needs a comma).
 * Every problem is reported with its line, all at once.
 */
public record Roster(Path file, List<Team> teams, List<String> warnings) {
    public static final List<String> REQUIRED = List.of("team", "model", "sha256", "submission");
    public static final String KAGGLE_PUBLIC = "kaggle_public";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final long MAX_BYTES = 1L << 20;

    public Roster {
        teams = List.copyOf(teams);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param model      a path (resolved against the roster's folder) or an {@code http(s):}/{@code file:} URL
     * @param submission likewise
     * @param line       the roster line, for messages
     */
    public record Team(String name, String model, String sha256, String submission, OptionalDouble kagglePublic,
                       int line) {}

    public static Roster read(Path file) {
        KaggleText text = KaggleText.normalize(readBounded(file, "roster"), file.toString());
        List<String> lines = text.lines();
        List<String> problems = new ArrayList<>();
        if (lines.isEmpty()) {
            throw new InvalidInputException(file + ":1: empty roster; expected the header "
                    + String.join(",", REQUIRED));
        }
        List<String> header = List.of(lines.get(0).strip().split(",", -1));
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            column.put(header.get(i).strip(), i);
        }
        for (String c : REQUIRED) {
            if (!column.containsKey(c)) {
                problems.add(file + ":1: the header lacks column '" + c + "' (found '" + lines.get(0)
                        + "'; expected " + String.join(",", REQUIRED) + "[," + KAGGLE_PUBLIC + "])");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("\n", problems));
        }
        Path dir = file.toAbsolutePath().getParent();
        List<Team> teams = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int n = 2; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            String where = file + ":" + n + ": ";
            if (f.length != header.size()) {
                problems.add(where + "expected " + header.size() + " columns, found " + f.length);
                continue;
            }
            String name = f[column.get("team")].strip();
            String sha = f[column.get("sha256")].strip().toLowerCase(Locale.ROOT);
            String model = f[column.get("model")].strip();
            String submission = f[column.get("submission")].strip();
            if (!NAME.matcher(name).matches()) {
                problems.add(where + "team name '" + name + "' must be 1-64 letters, digits, '-' or '_'");
            } else if (seen.containsKey(name.toLowerCase(Locale.ROOT))) {
                problems.add(where + "duplicate team '" + name + "' (first on line "
                        + seen.get(name.toLowerCase(Locale.ROOT)) + ")");
            } else {
                seen.put(name.toLowerCase(Locale.ROOT), n);
            }
            if (!SHA256.matcher(sha).matches()) {
                problems.add(where + "sha256 must be 64 hex digits, found '" + sha + "'");
            }
            if (model.isEmpty()) {
                problems.add(where + "empty model location");
            }
            if (submission.isEmpty()) {
                problems.add(where + "empty submission location");
            }
            OptionalDouble kaggle = OptionalDouble.empty();
            if (column.containsKey(KAGGLE_PUBLIC) && !f[column.get(KAGGLE_PUBLIC)].isBlank()) {
                String k = f[column.get(KAGGLE_PUBLIC)].strip();
                kaggle = parseScore(k);
                if (kaggle.isEmpty()) {
                    problems.add(where + "kaggle_public '" + k + "' is not a fraction in [0, 1] or a percentage"
                            + " like 79.21%");
                }
            }
            teams.add(new Team(name, resolve(dir, model), sha, resolve(dir, submission), kaggle, n));
        }
        if (teams.isEmpty() && problems.isEmpty()) {
            problems.add(file + ": no teams after the header");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("\n", problems));
        }
        return new Roster(file, teams, text.warnings());
    }

    /** {@code 0.7921} or {@code 79.21%}. */
    static OptionalDouble parseScore(String s) {
        try {
            double v = s.endsWith("%") ? Double.parseDouble(s.substring(0, s.length() - 1).strip()) / 100
                    : Double.parseDouble(s);
            return v >= 0 && v <= 1 ? OptionalDouble.of(v) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static String resolve(Path dir, String location) {
        if (location.isEmpty() || ModelPin.isUrl(location)) {
            return location;
        }
        Path p = Path.of(location);
        return (p.isAbsolute() ? p : dir.resolve(p)).normalize().toString();
    }

    static byte[] readBounded(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such " + what + " file (or not a regular file)");
        }
        try {
            if (Files.size(file) > MAX_BYTES * 16) {
                throw new InvalidInputException(file + ": far too large for a " + what + " file");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
