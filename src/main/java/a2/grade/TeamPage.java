package a2.grade;

import java.util.List;
import java.util.Locale;

/**
 * A team's {@code report.html}: the verdict, agreement, the differing rows with both labels and the regenerated
 * top-2 margin, the submission's confusion matrix and per-class accuracy, the model's provenance, and the tail of
 * the child's log. Static, offline, like the leaderboard it links back to.
 */
final class TeamPage {
    private TeamPage() {}

    static String html(Report.TeamReport t) {
        GradeRow r = t.row();
        TeamResult res = t.result();
        StringBuilder b = new StringBuilder(Html.head("Team " + r.team()));
        b.append("<p><a href=\"../../leaderboard.html\">&larr; leaderboard</a></p>\n");
        b.append("<h1>Team ").append(Format.html(r.team())).append("</h1>\n");
        b.append("<p id=\"verdict\">").append(Html.status(r.status())).append(' ').append(Format.html(r.detail()))
                .append("</p>\n<table>\n");
        row(b, "points", Format.points(r.points()) + (t.override().isEmpty() ? "" : " (override: " + t.override() + ")"));
        row(b, "agreement with the regenerated predictions", Format.fraction(r.agreement()));
        row(b, "private accuracy (rank)", Format.fraction(r.privateAccuracy()) + rank(r.privateRank()));
        row(b, "public accuracy (rank)", Format.fraction(r.publicAccuracy()) + rank(r.publicRank()));
        row(b, "accuracy, all rows", Format.fraction(r.accuracy()));
        row(b, "Kaggle public score, as reported", r.kagglePublic().isPresent()
                ? Format.fraction(r.kagglePublic().getAsDouble()) : "");
        b.append("</table>\n");
        list(b, "Flags", r.flags());
        list(b, "Submission warnings and problems", t.warnings());
        model(b, r, res);
        differences(b, res.comparison());
        if (t.score() != null) {
            b.append("<h2>The submission against the labels</h2>\n<pre>").append(Format.html(t.score().render()))
                    .append("</pre>\n");
        }
        if (!t.logTail().isEmpty()) {
            b.append("<h2>Child log (last ").append(t.logTail().size()).append(" lines)</h2>\n<pre>")
                    .append(Format.html(String.join("\n", t.logTail()))).append("</pre>\n");
        }
        return b.append("</body>\n</html>\n").toString();
    }

    private static String rank(int rank) {
        return rank == 0 ? "" : " (#" + rank + ")";
    }

    private static void model(StringBuilder b, GradeRow r, TeamResult res) {
        b.append("<h2>Model</h2>\n<table>\n");
        row(b, "pinned sha256", r.modelSha256());
        if (res.model() != null) {
            TeamResult.Model m = res.model();
            row(b, "trained for", m.dataset());
            row(b, "recipe", m.recipe());
            row(b, "epoch", String.valueOf(m.epoch()));
            row(b, "validation accuracy (the card's claim)", Format.fraction(m.validationAccuracy()));
            row(b, "code commit", m.commit());
        }
        b.append("</table>\n");
    }

    private static void differences(StringBuilder b, TeamResult.Comparison c) {
        if (c == null) {
            return;
        }
        b.append("<h2>Regenerated predictions</h2>\n<table>\n");
        row(b, "rows compared", String.format(Locale.ROOT, "%,d", c.rows()));
        row(b, "rows that differ", String.format(Locale.ROOT, "%,d (%,d near-ties)", c.differing(), c.nearTies()));
        row(b, "submission sha256", c.submissionSha256());
        row(b, "regenerated sha256", c.regeneratedSha256());
        b.append("</table>\n");
        if (c.differences().isEmpty()) {
            return;
        }
        b.append("<h3>Differing rows (first ").append(c.differences().size()).append(" by Id)</h3>\n<table id=\"differences\">\n"
                + "<tr><th>Id</th><th>submitted</th><th>regenerated</th><th>top-2 margin</th><th>near-tie</th></tr>\n");
        for (TeamResult.Difference d : c.differences()) {
            b.append("<tr><td class=\"num\">").append(d.id()).append("</td><td class=\"num\">").append(d.submitted())
                    .append("</td><td class=\"num\">").append(d.regenerated()).append("</td><td class=\"num\">")
                    .append(Double.isNaN(d.margin()) ? "" : String.format(Locale.ROOT, "%.6f", d.margin()))
                    .append("</td><td>").append(d.nearTie() ? "yes" : "no").append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void list(StringBuilder b, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        b.append("<h2>").append(title).append("</h2>\n<ul>\n");
        items.forEach(i -> b.append("<li>").append(Format.html(i)).append("</li>\n"));
        b.append("</ul>\n");
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append("<tr><th>").append(Format.html(k)).append("</th><td>").append(Format.html(v)).append("</td></tr>\n");
    }
}
