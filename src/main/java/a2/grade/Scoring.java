package a2.grade;

import java.util.List;

/** The rubric applied to one team: pure arithmetic on its status, accuracy and flags. */
final class Scoring {
    private Scoring() {}

    /** What the checks found about a team, for its penalties. */
    record Findings(boolean kaggleMismatch, boolean sharedModel, boolean suspiciousAgreement) {}

    static double points(Rubric rubric, String team, Status status, double rankingAccuracy, Findings findings) {
        var override = rubric.overrideFor(team);
        if (override.isPresent() && override.get().points() != null) {
            return override.get().points();
        }
        boolean reproduced = status == Status.MATCH || (status == Status.NEAR_TIES_ONLY && rubric.nearTiesOnlyReproduced());
        double points = reproduced ? rubric.reproducedPoints() : 0;
        boolean scored = !Double.isNaN(rankingAccuracy) && (reproduced || !rubric.benchmarkNeedsReproduction());
        if (scored && rankingAccuracy >= rubric.benchmarkAccuracy()) {
            points += rubric.benchmarkPoints();
        }
        Rubric.Penalties p = rubric.penalties();
        points -= findings.kaggleMismatch() ? p.kagglePublicMismatch() : 0;
        points -= findings.sharedModel() ? p.sharedModel() : 0;
        points -= findings.suspiciousAgreement() ? p.suspiciousAgreement() : 0;
        return Math.max(0, points);
    }

    /** The most a team can earn, for the leaderboard's header. */
    static double maximum(Rubric rubric) {
        return rubric.reproducedPoints() + rubric.benchmarkPoints();
    }

    static List<String> describe(Rubric rubric) {
        return List.of(
                "reproduced (MATCH" + (rubric.nearTiesOnlyReproduced() ? " or NEAR_TIES_ONLY" : "") + "): "
                        + Format.points(rubric.reproducedPoints()),
                "private accuracy >= " + Format.fraction(rubric.benchmarkAccuracy()) + ": "
                        + Format.points(rubric.benchmarkPoints())
                        + (rubric.benchmarkNeedsReproduction() ? " (reproduced submissions only)" : ""),
                "penalties: Kaggle public score mismatch " + Format.points(rubric.penalties().kagglePublicMismatch())
                        + ", shared model " + Format.points(rubric.penalties().sharedModel())
                        + ", suspicious agreement " + Format.points(rubric.penalties().suspiciousAgreement()));
    }
}
