package a2.grade;

import java.util.List;

/**
 * {@code leaderboard.html}: one static page, no server and nothing fetched (it works from a USB stick). Ranked by
 * private accuracy with the public one beside it, the benchmark as a row, statuses coloured, a link per team.
 * Every column sorts on a click; the sort is also chosen by the URL fragment, {@code #sort=KEY} ascending or
 * {@code #sort=-KEY} descending (e.g. {@code leaderboard.html#sort=-public}), so a link can show one view.
 */
final class Leaderboard {
    private Leaderboard() {}

    /** Column key, header, whether it is numeric. */
    private record Column(String key, String header, boolean numeric) {}

    private static final List<Column> COLUMNS = List.of(new Column("private_rank", "Rank", true),
            new Column("team", "Team", false), new Column("status", "Status", false),
            new Column("private", "Private accuracy", true), new Column("public", "Public accuracy", true),
            new Column("public_rank", "Public rank", true), new Column("kaggle", "Kaggle public", true),
            new Column("agreement", "Agreement", true), new Column("points", "Points", true),
            new Column("flags", "Flags", false));

    static String html(List<GradeRow> rows, Rubric rubric) {
        StringBuilder b = new StringBuilder(Html.head("Leaderboard"));
        b.append("<h1>Leaderboard</h1>\n<p>Accuracies of the files the teams submitted; ranked by private accuracy"
                + " (Kaggle's final), public beside it. Points out of ").append(Format.points(Scoring.maximum(rubric)))
                .append(": ").append(Format.html(String.join("; ", Scoring.describe(rubric)))).append(".</p>\n");
        b.append("<table id=\"leaderboard\">\n<thead><tr>");
        for (Column c : COLUMNS) {
            b.append("<th class=\"sortable\" data-key=\"").append(c.key()).append("\" data-numeric=\"")
                    .append(c.numeric()).append("\">").append(c.header()).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (GradeRow r : rows.stream().sorted(byRank()).toList()) {
            b.append("<tr data-team=\"").append(Format.html(r.team())).append("\">");
            cell(b, r.privateRank() == 0 ? "" : String.valueOf(r.privateRank()), true);
            b.append("<td data-v=\"").append(Format.html(r.team())).append("\"><a href=\"teams/")
                    .append(Format.html(r.team())).append("/report.html\">").append(Format.html(r.team()))
                    .append("</a></td>");
            b.append("<td data-v=\"").append(r.status().name()).append("\">").append(Html.status(r.status()))
                    .append("</td>");
            cell(b, Format.fraction(r.rankingAccuracy()), true);
            cell(b, Format.fraction(r.publicAccuracy()), true);
            cell(b, r.publicRank() == 0 ? "" : String.valueOf(r.publicRank()), true);
            cell(b, r.kagglePublic().isPresent() ? Format.fraction(r.kagglePublic().getAsDouble()) : "", true);
            cell(b, Format.fraction(r.agreement()), true);
            cell(b, Format.points(r.points()), true);
            b.append("<td class=\"flag\" data-v=\"").append(Format.html(String.join("; ", r.flags()))).append("\">")
                    .append(Format.html(String.join("; ", r.flags()))).append("</td>");
            b.append("</tr>\n");
        }
        String bench = Format.fraction(rubric.benchmarkAccuracy());
        b.append("<tr class=\"benchmark\" data-team=\"\"><td data-v=\"\"></td><td data-v=\"\">benchmark</td>"
                + "<td data-v=\"\"></td><td class=\"num\" data-v=\"").append(bench).append("\">").append(bench)
                .append("</td><td class=\"num\" data-v=\"").append(bench).append("\">").append(bench)
                .append("</td><td data-v=\"\"></td><td data-v=\"\"></td><td data-v=\"\"></td><td class=\"num\" data-v=\"")
                .append(Format.points(rubric.benchmarkPoints())).append("\">+")
                .append(Format.points(rubric.benchmarkPoints())).append("</td><td data-v=\"\"></td></tr>\n");
        b.append("</tbody>\n</table>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return b.toString();
    }

    /** Ranked teams first by rank, then the unranked in roster order; the benchmark row finds its place by script. */
    private static java.util.Comparator<GradeRow> byRank() {
        return java.util.Comparator.comparingInt(r -> r.privateRank() == 0 ? Integer.MAX_VALUE : r.privateRank());
    }

    private static void cell(StringBuilder b, String v, boolean numeric) {
        b.append("<td").append(numeric ? " class=\"num\"" : "").append(" data-v=\"").append(Format.html(v))
                .append("\">").append(Format.html(v)).append("</td>");
    }

    /** Sorts the rows by one column; empty cells last whatever the direction; a stable sort, ties keep rank order. */
    private static final String SCRIPT = """
            (function () {
              var table = document.getElementById('leaderboard');
              var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
              var body = table.tBodies[0];
              var original = Array.prototype.slice.call(body.rows);
              function sort(spec) {
                var desc = spec.charAt(0) === '-';
                var key = desc ? spec.substring(1) : spec;
                var col = -1;
                heads.forEach(function (h, i) { if (h.dataset.key === key) { col = i; } });
                if (col < 0) { return; }
                var numeric = heads[col].dataset.numeric === 'true';
                var rows = original.slice();
                rows.sort(function (a, b) {
                  var x = a.cells[col].dataset.v, y = b.cells[col].dataset.v;
                  if (x === '' || y === '') { return (x === '') - (y === ''); }
                  var c = numeric ? parseFloat(x) - parseFloat(y) : (x < y ? -1 : x > y ? 1 : 0);
                  return desc ? -c : c;
                });
                rows.forEach(function (r) { body.appendChild(r); });
                heads.forEach(function (h, i) {
                  h.classList.remove('sorted-asc', 'sorted-desc');
                  if (i === col) { h.classList.add(desc ? 'sorted-desc' : 'sorted-asc'); }
                });
                table.dataset.sorted = spec;
              }
              function fromHash() {
                var m = /sort=(-?[a-z_]+)/.exec(location.hash);
                sort(m ? m[1] : '-private');
              }
              heads.forEach(function (h) {
                h.addEventListener('click', function () {
                  var current = table.dataset.sorted || '';
                  var numeric = h.dataset.numeric === 'true';
                  var next = current === '-' + h.dataset.key ? h.dataset.key
                      : current === h.dataset.key ? '-' + h.dataset.key : (numeric ? '-' : '') + h.dataset.key;
                  location.hash = 'sort=' + next;
                });
              });
              window.addEventListener('hashchange', fromHash);
              fromHash();
            })();
            """;
}
