package a2.verify;

import a2.io.Hashes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A team's submission against predictions regenerated from its checkpoint. MATCH means the same label for
 * every Id; byte equality is reported beside it (for two valid files it follows from the labels, since the
 * format has one spelling per row). Where the regenerated run also wrote its top-2 scores, each difference is
 * classified: a near-tie (the regenerated winner led the submitted label by less than the threshold, so float
 * noise on another CPU can swap them) or not (a different model).
 */
public final class Comparison {
    private Comparison() {}

    /**
     * @param nearTieThreshold a difference is a near-tie when the regenerated top-2 margin p1 - p2 is below this
     *                         and the submitted label is the regenerated runner-up
     * @param listed           how many differing rows the report lists
     */
    public record Settings(double nearTieThreshold, int listed) {
        /**
         * Float32 softmax outputs of the same network on two CPUs differ by ~1e-6..1e-4 (summation order,
         * FMA, SIMD width); 1e-3 covers that with room, and is far below the margin of a real disagreement.
         */
        public static final double DEFAULT_NEAR_TIE = 1e-3;
        public static final int DEFAULT_LISTED = 20;

        public Settings {
            if (!(nearTieThreshold >= 0 && nearTieThreshold < 1)) {
                throw new IllegalArgumentException("near-tie threshold must be in [0, 1), got " + nearTieThreshold);
            }
            if (listed < 0) {
                throw new IllegalArgumentException("listed must be >= 0, got " + listed);
            }
        }

        public static Settings defaults() {
            return new Settings(DEFAULT_NEAR_TIE, DEFAULT_LISTED);
        }
    }

    /** A file and the SHA-256 of its bytes. */
    public record Side(Path file, String sha256) {
        public Side {
            Objects.requireNonNull(file);
            Objects.requireNonNull(sha256);
        }

        static Side of(Path file) {
            return new Side(file, Hashes.sha256(file));
        }
    }

    /** How a differing row is explained. */
    public enum Kind {
        /** The submitted label is the regenerated runner-up and the margin is below the threshold. */
        NEAR_TIE,
        /** Scores are known and the row is not a near-tie: a different model. */
        NOT_NEAR_TIE,
        /** No scores file was given. */
        UNCLASSIFIED
    }

    /**
     * @param margin the regenerated top-2 margin p1 - p2, when scores are known
     */
    public record Difference(int id, int submissionLabel, int regeneratedLabel, Kind kind, OptionalDouble margin) {}

    /**
     * @param rows       rows compared (both files have exactly these Ids, 1..rows)
     * @param differing  rows whose labels differ
     * @param nearTies   differing rows that are near-ties (0 without scores)
     * @param scored     whether a scores file classified the differences
     * @param listed     the first {@link Settings#listed()} differing rows, by Id
     * @param pairs      {@code pairs[s - 1][g - 1]} counts rows with submission label s and regenerated label g
     */
    public record Result(Side submission, Side regenerated, int rows, int differing, int nearTies, boolean scored,
                         Settings settings, List<Difference> listed, int[][] pairs) {
        public Result {
            listed = List.copyOf(listed);
            pairs = deepCopy(pairs);
            if (differing < 0 || differing > rows || nearTies < 0 || nearTies > differing || (!scored && nearTies > 0)) {
                throw new IllegalArgumentException("inconsistent counts: rows " + rows + ", differing " + differing
                        + ", near-ties " + nearTies);
            }
        }

        @Override
        public int[][] pairs() {
            return deepCopy(pairs);
        }

        public int numClasses() {
            return pairs.length;
        }

        /** Same label for every Id. */
        public boolean match() {
            return differing == 0;
        }

        public boolean byteIdentical() {
            return submission.sha256().equals(regenerated.sha256());
        }

        public int agreeing() {
            return rows - differing;
        }

        public double agreementRate() {
            return rows == 0 ? 1 : (double) agreeing() / rows;
        }

        /** Differing rows not explained by a near-tie; meaningful when {@link #scored()}. */
        public int notNearTies() {
            return differing - nearTies;
        }

        /** The one-line verdict the report starts with. */
        public String verdict() {
            String sha = "sha256 submission=" + submission.sha256() + " regenerated=" + regenerated.sha256()
                    + (byteIdentical() ? " (byte-identical)" : " (bytes differ)");
            if (match()) {
                return String.format(Locale.ROOT, "MATCH: %,d/%,d rows agree; %s", agreeing(), rows, sha);
            }
            String why = scored ? String.format(Locale.ROOT, "%,d near-tie%s, %,d not", nearTies,
                    nearTies == 1 ? "" : "s", notNearTies()) + (notNearTies() == 0 ? ": near-ties only" : "")
                    : "no scores file: near-ties not classified";
            return String.format(Locale.ROOT, "DIFFER: %,d/%,d rows agree (%s%%), %,d differ (%s); %s",
                    agreeing(), rows, percent(agreeing(), rows), differing, why, sha);
        }

        public String report() {
            StringWriter text = new StringWriter();
            try (PrintWriter out = new PrintWriter(text)) {
                render(out);
            }
            return text.toString();
        }

        /** The verdict line, then the files, the differing rows and the table of label pairs. */
        public void render(PrintWriter out) {
            out.println(verdict());
            out.println("  submission:  " + submission.file());
            out.println("  regenerated: " + regenerated.file());
            if (match()) {
                out.flush();
                return;
            }
            out.println();
            out.printf(Locale.ROOT, "Differing rows (first %,d of %,d, by Id)%s:%n", listed.size(), differing,
                    scored ? String.format(Locale.ROOT, "; near-tie: margin < %s and the submitted label is the"
                            + " regenerated runner-up", settings.nearTieThreshold()) : "");
            out.printf(Locale.ROOT, "  %8s  %10s  %11s%s%n", "Id", "submission", "regenerated",
                    scored ? String.format(Locale.ROOT, "  %9s  %s", "margin", "kind") : "");
            for (Difference d : listed) {
                String tail = d.margin().isPresent() ? String.format(Locale.ROOT, "  %9.6f  %s",
                        d.margin().getAsDouble(), d.kind() == Kind.NEAR_TIE ? "near-tie" : "not a near-tie") : "";
                out.printf(Locale.ROOT, "  %8d  %10d  %11d%s%n", d.id(), d.submissionLabel(), d.regeneratedLabel(),
                        tail);
            }
            out.println();
            out.println("Label pairs (rows: submission label, columns: regenerated label):");
            out.print(Tables.matrix(pairs, List.of()));
            out.flush();
        }
    }

    /**
     * Validates both files and compares them: the plain method the Result pipeline calls. Without {@code rows}
     * the regenerated file sets the row count the submission must have.
     *
     * @throws ValidationException naming every problem of either file (exit code 2)
     */
    public static Result compare(Path submission, Path regenerated, Optional<Path> scores, OptionalInt rows,
                                 int numClasses) {
        return compare(submission, regenerated, scores, rows, numClasses, Settings.defaults());
    }

    public static Result compare(Path submission, Path regenerated, Optional<Path> scores, OptionalInt rows,
                                 int numClasses, Settings settings) {
        Validation regen = PredictionsFile.validate(regenerated, rows, numClasses);
        OptionalInt expected = rows.isPresent() || !regen.ok() ? rows : OptionalInt.of(regen.rows());
        Validation sub = PredictionsFile.validate(submission, expected, numClasses);
        List<String> problems = new ArrayList<>(sub.describe(submission));
        problems.addAll(regen.describe(regenerated));
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        Optional<Map<Integer, ScoresFile.Row>> scoreRows = scores.map(ScoresFile::read);
        return of(Side.of(submission), sub.labels().get(), Side.of(regenerated), regen.labels().get(),
                scoreRows, scores.orElse(null), numClasses, settings);
    }

    /**
     * The comparison itself, on labels already validated (index id - 1, 1-based labels).
     *
     * @param scoresFile named in messages when the scores do not belong to the regenerated predictions
     */
    public static Result of(Side submission, int[] submitted, Side regenerated, int[] regeneratedLabels,
                            Optional<Map<Integer, ScoresFile.Row>> scores, Path scoresFile, int numClasses,
                            Settings settings) {
        PredictionsFile.requireClasses(numClasses);
        if (submitted.length != regeneratedLabels.length) {
            throw new IllegalArgumentException(submitted.length + " submitted labels but "
                    + regeneratedLabels.length + " regenerated");
        }
        int n = submitted.length;
        ScoresFile.Row[] score = scores.map(s -> checkScores(s, regeneratedLabels, scoresFile)).orElse(null);
        int[][] pairs = new int[numClasses][numClasses];
        List<Difference> listed = new ArrayList<>();
        int differing = 0;
        int nearTies = 0;
        for (int i = 0; i < n; i++) {
            int s = submitted[i];
            int g = regeneratedLabels[i];
            if (s < 1 || s > numClasses || g < 1 || g > numClasses) {
                throw new IllegalArgumentException("Id " + (i + 1) + ": labels " + s + ", " + g + " outside 1.."
                        + numClasses);
            }
            pairs[s - 1][g - 1]++;
            if (s == g) {
                continue;
            }
            differing++;
            Kind kind = Kind.UNCLASSIFIED;
            OptionalDouble margin = OptionalDouble.empty();
            if (score != null) {
                ScoresFile.Row row = score[i];
                margin = OptionalDouble.of(row.margin());
                kind = row.margin() < settings.nearTieThreshold() && row.top2() == s ? Kind.NEAR_TIE : Kind.NOT_NEAR_TIE;
                if (kind == Kind.NEAR_TIE) {
                    nearTies++;
                }
            }
            if (listed.size() < settings.listed()) {
                listed.add(new Difference(i + 1, s, g, kind, margin));
            }
        }
        return new Result(submission, regenerated, n, differing, nearTies, score != null, settings, listed, pairs);
    }

    /** The scores must describe exactly the regenerated predictions: same Ids, Top1 = the regenerated label. */
    private static ScoresFile.Row[] checkScores(Map<Integer, ScoresFile.Row> scores, int[] regenerated, Path file) {
        String name = file == null ? "scores" : file.toString();
        if (scores.size() != regenerated.length) {
            throw new ValidationException(List.of(String.format(Locale.ROOT,
                    "%s: %,d rows but the regenerated predictions have %,d: the scores belong to another run",
                    name, scores.size(), regenerated.length)));
        }
        ScoresFile.Row[] rows = new ScoresFile.Row[regenerated.length];
        List<String> problems = new ArrayList<>();
        int mismatches = 0;
        for (int id = 1; id <= regenerated.length; id++) {
            ScoresFile.Row row = scores.get(id);
            if (row == null) {
                throw new ValidationException(List.of(name + ": no row for Id " + id));
            }
            if (row.top1() != regenerated[id - 1] && mismatches++ < Problems.MAX_LISTED) {
                problems.add(name + ": Id " + id + ": Top1 is " + row.top1() + " but the regenerated prediction is "
                        + regenerated[id - 1] + ": the scores belong to another run");
            }
            rows[id - 1] = row;
        }
        if (mismatches > 0) {
            if (mismatches > problems.size()) {
                problems.add(String.format(Locale.ROOT, "%s: ... and %,d more rows whose Top1 differs",
                        name, mismatches - problems.size()));
            }
            throw new ValidationException(problems);
        }
        return rows;
    }

    static String percent(long part, long whole) {
        if (whole == 0) {
            return "100.00";
        }
        // Floor, so that 9,999/10,000 never prints as 100.00%.
        long hundredths = part * 10_000 / whole;
        return String.format(Locale.ROOT, "%d.%02d", hundredths / 100, hundredths % 100);
    }

    static int[][] deepCopy(int[][] a) {
        int[][] copy = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = a[i].clone();
        }
        return copy;
    }
}
