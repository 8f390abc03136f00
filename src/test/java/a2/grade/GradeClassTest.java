package a2.grade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.cli.GradeTeamCommand;
import a2.data.DataLocator;
import a2.io.Hashes;
import a2.testing.ChildJvm;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixture class of twelve teams built from two committed models, one team per status (and two sharing a model),
 * graded with one job and with two: the statuses and points are the expected ones, the grades and pages
 * byte-identical, and a rerun grades anew only the team whose status is worth retrying.
 */
@Tag("slow")
class GradeClassTest {
    private static final Path PINNED = Path.of("checkpoints/final/cifar10-a2-fixmatch-w48-e300/model.a2model");
    private static final Path OTHER = Path.of("checkpoints/final/cifar10-a2-supervised/model.a2model");
    private static final String CRASHER = "lima";
    /** A pin nobody's bytes have: the stalled download never completes, so it never matters. */
    private static final String STALLED_SHA = "5a11ed".repeat(10) + "5a11";

    @TempDir
    static Path dir;
    static HttpServer stalling;
    static CountDownLatch closing = new CountDownLatch(1);
    static Path roster;
    static Path labels;
    static Path rubric;
    static Map<String, Status> expectedStatus = new LinkedHashMap<>();
    static int[] pinnedLabels;
    static int[] otherLabels;
    static LabelsCheck truth;

    /** The labels the test made, to compute the expected accuracies independently of the grader. */
    record LabelsCheck(int[] labels, boolean[] isPublic) {
        double privateAccuracy(int[] p) {
            int n = 0;
            int ok = 0;
            for (int i = 0; i < p.length; i++) {
                if (!isPublic[i]) {
                    n++;
                    ok += p[i] == labels[i] ? 1 : 0;
                }
            }
            return (double) ok / n;
        }

        double publicAccuracy(int[] p) {
            int n = 0;
            int ok = 0;
            for (int i = 0; i < p.length; i++) {
                if (isPublic[i]) {
                    n++;
                    ok += p[i] == labels[i] ? 1 : 0;
                }
            }
            return (double) ok / n;
        }
    }

    @BeforeAll
    static void buildTheClass() throws Exception {
        // Each distinct model's submission comes from `predict` on one thread, once, as a team would make it.
        Path pinnedSub = predict(PINNED, dir.resolve("pinned"));
        Path otherSub = predict(OTHER, dir.resolve("other"));
        pinnedLabels = labelsOf(pinnedSub);
        otherLabels = labelsOf(otherSub);
        truth = writeLabels(pinnedLabels, dir.resolve("labels.csv"));
        labels = dir.resolve("labels.csv");

        Path subs = Files.createDirectories(dir.resolve("class"));
        Files.copy(pinnedSub, subs.resolve("alpha.csv"));
        Files.copy(pinnedSub, subs.resolve("bravo.csv"));
        Files.copy(otherSub, subs.resolve("charlie.csv"));
        Files.copy(otherSub, subs.resolve("delta.csv"));
        int flipped = nearTiesFlipped(pinnedSub, Path.of(pinnedSub.getParent().toString(), "scores.csv"),
                subs.resolve("echo.csv"));
        assertTrue(flipped > 0, "the pinned model must have rows with a top-2 margin under 1e-3");
        Files.writeString(subs.resolve("golf.csv"), "Id,Prediction\n1,3\n2,11\n");
        Path wrongData = subs.resolve("stl10-card.a2model");
        recard(PINNED, wrongData, "stl10");
        stalling = stallingServer();
        String stallUrl = "http://127.0.0.1:" + stalling.getAddress().getPort() + "/model.a2model";

        String pinned = Hashes.sha256(PINNED);
        String other = Hashes.sha256(OTHER);
        double alphaPublic = truth.publicAccuracy(pinnedLabels);
        List<String> lines = new ArrayList<>();
        lines.add("team,model,sha256,submission,kaggle_public");
        team(lines, "alpha", PINNED, pinned, "class/alpha.csv", String.format(Locale.ROOT, "%.4f%%", 100 * alphaPublic),
                Status.MATCH);
        team(lines, "bravo", PINNED, pinned, "class/bravo.csv", "", Status.MATCH);
        team(lines, "charlie", OTHER, other, "class/charlie.csv", "", Status.MATCH);
        team(lines, "delta", PINNED, pinned, "class/delta.csv", "0.9999", Status.DIFFER);
        team(lines, "echo", PINNED, pinned, "class/echo.csv", "", Status.NEAR_TIES_ONLY);
        team(lines, "foxtrot", PINNED, pinned, "class/none.csv", "", Status.MISSING_SUBMISSION);
        team(lines, "golf", PINNED, pinned, "class/golf.csv", "", Status.INVALID_SUBMISSION);
        team(lines, "hotel", OTHER, pinned, "class/charlie.csv", "", Status.CHECKSUM_MISMATCH);
        lines.add("india," + stallUrl + "," + STALLED_SHA + ",class/alpha.csv,");
        expectedStatus.put("india", Status.MODEL_UNAVAILABLE);
        team(lines, "juliet", wrongData, Hashes.sha256(wrongData), "class/alpha.csv", "", Status.WRONG_DATASET);
        team(lines, "kilo", PINNED, pinned, "class/alpha.csv", "", Status.OUT_OF_MEMORY);
        team(lines, CRASHER, PINNED, pinned, "class/alpha.csv", "", Status.CRASHED);
        roster = dir.resolve("roster.csv");
        Files.writeString(roster, String.join("\n", lines) + "\n");
        rubric = dir.resolve("rubric.json");
        Files.writeString(rubric, """
                {"benchmarkAccuracy": 0.70, "benchmarkPoints": 4, "reproducedPoints": 6,
                 "penalties": {"kagglePublicMismatch": 1},
                 "overrides": [{"team": "kilo", "memory": "64m", "reason": "a limit too small for the model"},
                               {"team": "bravo", "points": 7, "reason": "late by one day"}]}
                """);
    }

    @AfterAll
    static void stopServer() throws IOException {
        closing.countDown();
        if (stalling != null) {
            stalling.stop(0);
        }
        Path part = DataLocator.fromEnvironment().cacheRoot().resolve("models").resolve(STALLED_SHA + ".a2model.part");
        Files.deleteIfExists(part);
    }

    @Test
    void gradesEveryStatusTheSameWithOneOrTwoJobsAndRegradesOnlyWhatIsRetried() throws Exception {
        Path one = dir.resolve("out-1");
        Path two = dir.resolve("out-2");
        Grader.Outcome first = grade(one, 1);
        Grader.Outcome second = grade(two, 2);
        Map<String, GradeRow> rows = new LinkedHashMap<>();
        first.rows().forEach(r -> rows.put(r.team(), r));
        assertEquals(List.copyOf(expectedStatus.keySet()), List.copyOf(rows.keySet()), "roster order");
        for (var e : expectedStatus.entrySet()) {
            GradeRow r = rows.get(e.getKey());
            assertEquals(e.getValue(), r.status(), e.getKey() + ": " + r.detail());
        }
        checkPointsAndAccuracies(rows);
        for (String file : outputs(one)) {
            assertArrayEquals(Files.readAllBytes(one.resolve(file)), Files.readAllBytes(two.resolve(file)),
                    file + " differs between --jobs 1 and --jobs 2");
        }

        Grader.Outcome again = grade(two, 2);
        assertEquals(List.of("india"), again.graded(), "only MODEL_UNAVAILABLE and TIMEOUT are retried");
        assertEquals(expectedStatus.size() - 1, again.reused().size());
        for (String file : outputs(two)) {
            if (!file.equals("timings.csv")) {
                assertTrue(Files.isRegularFile(two.resolve(file)), file);
            }
        }
        assertArrayEquals(Files.readAllBytes(one.resolve("grades.csv")), Files.readAllBytes(two.resolve("grades.csv")));
    }

    private static void checkPointsAndAccuracies(Map<String, GradeRow> rows) {
        double alphaPrivate = truth.privateAccuracy(pinnedLabels);
        double otherPrivate = truth.privateAccuracy(otherLabels);
        GradeRow alpha = rows.get("alpha");
        assertEquals(alphaPrivate, alpha.privateAccuracy(), 1e-12);
        assertEquals(truth.publicAccuracy(pinnedLabels), alpha.publicAccuracy(), 1e-12);
        assertEquals(1.0, alpha.agreement());
        assertEquals(6 + (alphaPrivate >= 0.70 ? 4 : 0), alpha.points(), alpha.toString());
        assertTrue(alpha.flags().contains("same model as bravo"), alpha.flags().toString());
        assertTrue(alpha.flags().stream().noneMatch(f -> f.startsWith("Kaggle")), "the true public score is no flag");
        assertEquals(7, rows.get("bravo").points(), "the override replaces the points");
        assertEquals(6 + (otherPrivate >= 0.70 ? 4 : 0), rows.get("charlie").points());
        GradeRow delta = rows.get("delta");
        assertEquals(otherPrivate, delta.privateAccuracy(), 1e-12, "the accuracy is the submitted file's");
        assertTrue(delta.agreement() < 0.99, delta.toString());
        assertEquals(0, delta.points());
        assertTrue(delta.flags().stream().anyMatch(f -> f.startsWith("Kaggle shows public 0.9999")), delta.flags().toString());
        GradeRow echo = rows.get("echo");
        assertTrue(echo.agreement() < 1.0 && echo.agreement() > 0.999, echo.toString());
        assertEquals(alpha.points(), echo.points(), "near-ties only counts as reproduced by default");
        for (String t : List.of("foxtrot", "golf", "hotel", "india", "juliet", "kilo", CRASHER)) {
            assertEquals(0, rows.get(t).points(), t);
        }
        assertEquals(1, Math.min(alpha.privateRank(), rows.get("charlie").privateRank()));
        assertEquals(0, rows.get("foxtrot").privateRank(), "no submission, no rank");
    }

    private static Grader.Outcome grade(Path out, int jobs) {
        StringWriter log = new StringWriter();
        GradeOptions o = new GradeOptions(roster, labels, Optional.of(rubric), out, jobs, new Limits(300, 2L << 30, 2),
                Optional.empty(), "cifar10-a2", Optional.empty());
        Grader.Outcome outcome = new Grader(faulty(), new PrintWriter(log, true)).run(o);
        System.out.println(log);
        return outcome;
    }

    /** The real launcher, with the test-only fault switch turned on for one team: its child halts at once. */
    private static ChildLauncher faulty() {
        ChildLauncher real = ChildLauncher.sameJvm();
        return (jvmOptions, args, env, log) -> {
            if (!args.contains(CRASHER)) {
                return real.start(jvmOptions, args, env, log);
            }
            List<String> options = new ArrayList<>(jvmOptions);
            options.add("-D" + GradeTeamCommand.TEST_RUN_PROPERTY + "=true");
            Map<String, String> e = new TreeMap<>(env);
            e.put(GradeTeamCommand.FAULT_ENV, "halt");
            return real.start(options, args, e, log);
        };
    }

    /** Every file whose bytes must not depend on the number of jobs: all outputs but timings.csv and the logs. */
    private static List<String> outputs(Path out) throws IOException {
        try (Stream<Path> s = Files.walk(out)) {
            List<String> files = s.filter(Files::isRegularFile).map(p -> out.relativize(p).toString())
                    .filter(f -> f.endsWith(".html") || f.endsWith("grades.csv") || f.endsWith("grades.json")
                            || f.endsWith("report.json"))
                    .sorted().toList();
            assertTrue(files.contains("leaderboard.html") && files.contains("teams/alpha/report.html"), files.toString());
            return files;
        }
    }

    private static void team(List<String> lines, String name, Path model, String sha, String sub, String kaggle,
                             Status expected) {
        lines.add(String.join(",", name, model.toAbsolutePath().toString(), sha, sub, kaggle));
        expectedStatus.put(name, expected);
    }

    private static Path predict(Path model, Path outDir) throws Exception {
        Files.createDirectories(outDir);
        Path out = outDir.resolve("predictions.csv");
        Path log = outDir.resolve("predict.log");
        Process p = ChildJvm.start(log, Map.of("OMP_NUM_THREADS", "1"), "predict", "--model", model.toString(),
                "--out", out.toString());
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "predict did not finish");
        assertEquals(0, p.exitValue(), Files.readString(log));
        return out;
    }

    private static int[] labelsOf(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        return lines.subList(1, lines.size()).stream().mapToInt(l -> Integer.parseInt(l.split(",")[1])).toArray();
    }

    /** Labels near the pinned model's predictions (about 80% agree), every third row public, as a solution file. */
    private static LabelsCheck writeLabels(int[] predicted, Path file) throws IOException {
        Random random = new Random(20);
        int[] labels = new int[predicted.length];
        boolean[] pub = new boolean[predicted.length];
        StringBuilder b = new StringBuilder("Id,Label,Usage\n");
        for (int i = 0; i < predicted.length; i++) {
            labels[i] = random.nextDouble() < 0.8 ? predicted[i] : 1 + random.nextInt(10);
            pub[i] = i % 3 == 0;
            b.append(i + 1).append(',').append(labels[i]).append(',').append(pub[i] ? "Public" : "Private").append('\n');
        }
        Files.writeString(file, b);
        return new LabelsCheck(labels, pub);
    }

    /**
     * The pinned model's submission with every near-tie row (margin under 1e-3) given its runner-up, saved as
     * Excel would (BOM, CRLF) to check that Kaggle's spelling is accepted.
     */
    private static int nearTiesFlipped(Path predictions, Path scores, Path target) throws IOException {
        List<String> rows = new ArrayList<>(Files.readAllLines(predictions));
        List<String> s = Files.readAllLines(scores);
        int flipped = 0;
        for (int i = 1; i < s.size(); i++) {
            String[] f = s.get(i).split(",");
            if (Double.parseDouble(f[2]) - Double.parseDouble(f[4]) < 1e-3) {
                rows.set(i, f[0] + "," + f[3]);
                flipped++;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.write((String.join("\r\n", rows) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        Files.write(target, out.toByteArray());
        return flipped;
    }

    /** The same weights under a card that names another dataset. */
    private static void recard(Path model, Path target, String dataset) throws IOException {
        try (InputStream in = Files.newInputStream(model); ZipInputStream zin = new ZipInputStream(in);
             OutputStream os = Files.newOutputStream(target); ZipOutputStream zout = new ZipOutputStream(os)) {
            for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
                byte[] bytes = zin.readAllBytes();
                if (e.getName().equals("card.json")) {
                    var card = (com.fasterxml.jackson.databind.node.ObjectNode) a2.model.ModelFile.JSON.readTree(bytes);
                    card.put("dataset", dataset);
                    bytes = a2.model.ModelFile.JSON.writeValueAsBytes(card);
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(0L);
                zout.putNextEntry(copy);
                zout.write(bytes);
                zout.closeEntry();
            }
        }
    }

    /** Answers 200 with a few bytes of a large body, then sends nothing until the test ends. */
    private static HttpServer stallingServer() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stalling-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 1 << 20);
            exchange.getResponseBody().write(new byte[16]);
            exchange.getResponseBody().flush();
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        return server;
    }
}
