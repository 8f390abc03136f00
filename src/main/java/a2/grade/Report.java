package a2.grade;

import a2.io.AtomicFiles;
import a2.verify.LabelsFile;
import a2.verify.Score;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The grades of a class, built from the per-team results: rows in roster order with accuracies of the submitted
 * files, cross-team flags, points and ranks; written as {@code grades.csv}, {@code grades.json}, the leaderboard,
 * one report per team, and {@code timings.csv} (the only file with times in it).
 */
record Report(List<GradeRow> rows, List<TeamReport> teams, Rubric rubric, List<String> timings) {
    static final String GRADES_CSV = "grades.csv";
    static final String GRADES_JSON = "grades.json";
    static final String LEADERBOARD = "leaderboard.html";
    static final String TIMINGS = "timings.csv";
    static final String TEAMS = "teams";
    static final List<String> COLUMNS = List.of("team", "status", "agreement", "public_accuracy", "private_accuracy",
            "accuracy", "points", "detail", "kaggle_public", "flags", "private_rank", "public_rank", "model_sha256");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * A team's report: its row, the child's result, the submission's warnings or format problems, its score
     * against the labels (confusion matrix, per-class accuracy) and the child's log tail.
     */
    record TeamReport(GradeRow row, TeamResult result, List<String> warnings, Score score, String override,
                      List<String> logTail) {}

    static Report build(Roster roster, Rubric rubric, LabelsFile labels, List<Grader.Graded> graded,
                        List<String> classNames) {
        List<CrossChecks.Entry> entries = graded.stream()
                .map(g -> new CrossChecks.Entry(g.team().name(),
                        g.result().model() == null ? "" : g.result().model().sha256(), g.submission().labels())).toList();
        Map<String, List<String>> cross = CrossChecks.run(entries);
        List<GradeRow> rows = new ArrayList<>();
        List<TeamReport> teams = new ArrayList<>();
        List<String> timings = new ArrayList<>();
        timings.add("team,status,seconds,graded,finished");
        for (Grader.Graded g : graded) {
            int[] sub = g.submission().labels();
            double pub = Double.NaN, priv = Double.NaN, all = Double.NaN;
            Score score = null;
            if (sub != null) {
                all = labels.accuracy(sub, null);
                if (labels.isPublic().isPresent()) {
                    pub = labels.accuracy(sub, Boolean.TRUE);
                    priv = labels.accuracy(sub, Boolean.FALSE);
                }
                score = Score.of(labels.labels(), sub, classNames.size(), classNames);
            }
            String name = g.team().name();
            List<String> flags = new ArrayList<>(cross.get(name));
            OptionalDouble kaggle = g.team().kagglePublic();
            boolean kaggleMismatch = kaggle.isPresent()
                    && CrossChecks.kaggleMismatch(kaggle.getAsDouble(), pub, labels.publicRows());
            if (kaggleMismatch) {
                flags.add("Kaggle shows public " + Format.fraction(kaggle.getAsDouble()) + " but this file scores "
                        + Format.fraction(pub) + ": not the file Kaggle scored");
            }
            String override = rubric.overrideFor(name).map(Rubric.Override::reason).orElse("");
            if (!override.isEmpty()) {
                flags.add("override: " + override);
            }
            TeamResult r = g.result();
            double agreement = r.comparison() == null ? Double.NaN : r.comparison().agreement();
            Scoring.Findings findings = new Scoring.Findings(kaggleMismatch,
                    flags.stream().anyMatch(f -> f.startsWith("same model")),
                    flags.stream().anyMatch(f -> f.startsWith("submission agrees")));
            double rank = Double.isNaN(priv) ? all : priv;
            double points = Scoring.points(rubric, name, r.status(), rank, findings);
            GradeRow row = new GradeRow(name, r.status(), agreement, pub, priv, all, points, r.detail(), kaggle,
                    flags, 0, 0, g.team().sha256());
            rows.add(row);
            teams.add(new TeamReport(row, r, g.submission().warnings(), score, override, g.logTail()));
            timings.add(String.join(",", name, r.status().name(), String.format(Locale.ROOT, "%.1f", g.seconds()),
                    g.reused() ? "reused" : "anew", Instant.now().toString()));
        }
        rows = ranked(rows);
        for (int i = 0; i < teams.size(); i++) {
            TeamReport t = teams.get(i);
            teams.set(i, new TeamReport(rows.get(i), t.result(), t.warnings(), t.score(), t.override(), t.logTail()));
        }
        return new Report(rows, teams, rubric, timings);
    }

    /** Ranks by private accuracy (public for the public rank), best first; ties share the order of team names. */
    private static List<GradeRow> ranked(List<GradeRow> rows) {
        Map<String, Integer> priv = ranks(rows, GradeRow::rankingAccuracy);
        Map<String, Integer> pub = ranks(rows, GradeRow::publicAccuracy);
        return rows.stream().map(r -> r.withRanks(priv.getOrDefault(r.team(), 0), pub.getOrDefault(r.team(), 0))).toList();
    }

    private static Map<String, Integer> ranks(List<GradeRow> rows, java.util.function.ToDoubleFunction<GradeRow> key) {
        List<GradeRow> scored = rows.stream().filter(r -> !Double.isNaN(key.applyAsDouble(r)))
                .sorted(Comparator.comparingDouble(key).reversed().thenComparing(GradeRow::team)).toList();
        Map<String, Integer> rank = new LinkedHashMap<>();
        for (int i = 0; i < scored.size(); i++) {
            rank.put(scored.get(i).team(), i + 1);
        }
        return rank;
    }

    void write(Path out) {
        AtomicFiles.writeString(out.resolve(GRADES_CSV), csv());
        AtomicFiles.writeString(out.resolve(GRADES_JSON), json(Map.of("rubric", rubric, "teams", rows.stream()
                .map(Report::jsonRow).toList())));
        AtomicFiles.writeString(out.resolve(LEADERBOARD), Leaderboard.html(rows, rubric));
        for (TeamReport t : teams) {
            Path dir = out.resolve(TEAMS).resolve(t.row().team());
            AtomicFiles.writeString(dir.resolve("report.json"), json(teamJson(t)));
            AtomicFiles.writeString(dir.resolve("report.html"), TeamPage.html(t));
        }
        AtomicFiles.writeString(out.resolve(TIMINGS), String.join("\n", timings) + "\n");
    }

    String csv() {
        StringBuilder b = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (GradeRow r : rows) {
            List<String> f = List.of(r.team(), r.status().name(), Format.fraction(r.agreement()),
                    Format.fraction(r.publicAccuracy()), Format.fraction(r.privateAccuracy()),
                    Format.fraction(r.accuracy()), Format.points(r.points()), r.detail(),
                    r.kagglePublic().isPresent() ? Format.fraction(r.kagglePublic().getAsDouble()) : "",
                    String.join("; ", r.flags()), r.privateRank() == 0 ? "" : String.valueOf(r.privateRank()),
                    r.publicRank() == 0 ? "" : String.valueOf(r.publicRank()), r.modelSha256());
            b.append(String.join(",", f.stream().map(Format::csv).toList())).append('\n');
        }
        return b.toString();
    }

    /** The CSV's columns, with numbers as JSON numbers (null where the CSV is empty). */
    static Map<String, Object> jsonRow(GradeRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("team", r.team());
        m.put("status", r.status().name());
        m.put("agreement", number(r.agreement()));
        m.put("public_accuracy", number(r.publicAccuracy()));
        m.put("private_accuracy", number(r.privateAccuracy()));
        m.put("accuracy", number(r.accuracy()));
        m.put("points", r.points());
        m.put("detail", r.detail());
        m.put("kaggle_public", r.kagglePublic().isPresent() ? number(r.kagglePublic().getAsDouble()) : null);
        m.put("flags", r.flags());
        m.put("private_rank", r.privateRank() == 0 ? null : r.privateRank());
        m.put("public_rank", r.publicRank() == 0 ? null : r.publicRank());
        m.put("model_sha256", r.modelSha256());
        return m;
    }

    private static Map<String, Object> teamJson(TeamReport t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("grade", jsonRow(t.row()));
        m.put("result", t.result());
        m.put("warnings", t.warnings());
        m.put("override", t.override());
        if (t.score() != null) {
            m.put("confusion", t.score().confusion());
            m.put("per_class_accuracy", java.util.Arrays.stream(t.score().perClassAccuracy()).mapToObj(Report::number).toList());
            m.put("class_names", t.score().classNames());
        }
        m.put("log_tail", t.logTail());
        return m;
    }

    /** Four decimals, as in the CSV; NaN (nothing to score) as null. */
    static Object number(double v) {
        return Double.isNaN(v) ? null : new java.math.BigDecimal(Format.fraction(v));
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
