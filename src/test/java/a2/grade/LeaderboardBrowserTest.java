package a2.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leaderboard in a real browser: Debian's headless chromium loads the static page from disk, runs its script
 * and dumps the rendered DOM, whose row order shows the default ranking and the sort a URL fragment selects.
 * CI installs chromium ({@code .ci/run}); elsewhere the test is skipped when there is none.
 */
@Tag("slow")
class LeaderboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern ROW = Pattern.compile("<tr[^>]*data-team=\"([^\"]*)\"");

    @TempDir
    Path dir;

    @Test
    void ranksByPrivateAccuracyAndSortsByTheFragment() throws Exception {
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no chromium at " + CHROMIUM);
        }
        List<GradeRow> rows = List.of(
                row("ana", Status.MATCH, 0.8012, 0.8100, 10, 2, 1),
                row("bo", Status.DIFFER, 0.8300, 0.7900, 0, 1, 3),
                row("cy", Status.MISSING_SUBMISSION, Double.NaN, Double.NaN, 0, 0, 0),
                row("di", Status.NEAR_TIES_ONLY, 0.7000, 0.8000, 6, 3, 2));
        Path page = dir.resolve("leaderboard.html");
        Files.writeString(page, Leaderboard.html(rows, Rubric.defaults()));

        String dom = dump(page, "");
        assertEquals(List.of("bo", "ana", "", "di", "cy"), teams(dom), "private ranking, benchmark (0.75) in place");
        assertTrue(dom.contains("data-sorted=\"-private\""), "the script ran");
        assertTrue(dom.contains("<span class=\"st DIFFER\">DIFFER</span>"), "statuses are coloured by class");

        String byPublic = dump(page, "#sort=-public");
        assertEquals(List.of("ana", "di", "bo", "", "cy"), teams(byPublic));
        assertTrue(byPublic.contains("class=\"sortable sorted-desc\" data-key=\"public\""), byPublic);

        assertEquals(List.of("ana", "bo", "cy", "di", ""), teams(dump(page, "#sort=team")));
    }

    private static GradeRow row(String team, Status status, double priv, double pub, double points, int rank,
                                int publicRank) {
        return new GradeRow(team, status, Double.NaN, pub, priv, priv, points, "", OptionalDouble.empty(), List.of(),
                rank, publicRank, "0".repeat(64));
    }

    private static List<String> teams(String dom) {
        List<String> teams = new ArrayList<>();
        Matcher m = ROW.matcher(dom.substring(dom.indexOf("<tbody>")));
        while (m.find()) {
            teams.add(m.group(1));
        }
        return teams;
    }

    private String dump(Path page, String fragment) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "profile");
        Path out = dir.resolve("dom.html");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--dump-dom", page.toUri() + fragment)
                .redirectOutput(out.toFile()).redirectError(dir.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s");
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(dom.contains("<tbody>"), "no DOM from chromium: " + Files.readString(dir.resolve("chromium.log")));
        return dom;
    }
}
