package a2.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import a2.cli.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every input is checked before it is opened ({@link InputFiles}): a device, a fifo, a folder, a dangling or looping
 * link where a file belongs exits 2 at once, naming the path, whichever command reads it; nothing is written.
 */
class SpecialInputsTest {
    @TempDir
    static Path tmp;
    static Path fifo, folder, loop, dangling;

    @BeforeAll
    static void specialFiles() throws Exception {
        fifo = tmp.resolve("pipe.csv");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "mkfifo");
        folder = Files.createDirectories(tmp.resolve("folder.a2model"));
        loop = tmp.resolve("loop.a2model");
        Files.createSymbolicLink(loop, loop.getFileName()); // points at itself
        dangling = Files.createSymbolicLink(tmp.resolve("dangling.csv"), tmp.resolve("gone.csv"));
        Files.writeString(tmp.resolve("ok.csv"), "Id,Prediction\n1,1\n");
    }

    /**
     * @param args  the command line; {@code {}} stands for the special path
     * @param words each must appear in stderr
     */
    record Case(Function<Path, Path> path, List<String> args, int exit, List<String> words) {}

    static Arguments row(String name, Function<Path, Path> path, int exit, List<String> words, String... args) {
        return Arguments.of(Named.of(name, new Case(path, List.of(args), exit, words)));
    }

    static Stream<Arguments> cases() {
        Function<Path, Path> zero = t -> Path.of("/dev/zero");
        Function<Path, Path> pipe = t -> fifo;
        Function<Path, Path> dir = t -> folder;
        Function<Path, Path> self = t -> loop;
        Function<Path, Path> gone = t -> dangling;
        List<String> device = List.of("is not a regular file (a device, fifo or socket?)");
        return Stream.of(
                row("verify /dev/zero", zero, 2, List.of("/dev/zero", device.get(0)), "verify", "{}", "--rows", "1"),
                row("verify a fifo", pipe, 2, List.of("pipe.csv", device.get(0)), "verify", "{}", "--rows", "1"),
                row("verify a folder", dir, 2, List.of("folder.a2model is a directory, not a label file"), "verify",
                        "{}", "--rows", "1"),
                row("verify a symlink loop", self, 2, List.of("loop.a2model is a loop of symbolic links"), "verify",
                        "{}", "--rows", "1"),
                row("verify a dangling link", gone, 2, List.of("dangling.csv is a symbolic link to", "does not exist"),
                        "verify", "{}", "--rows", "1"),
                row("verify REGENERATED from a fifo", pipe, 2, List.of("pipe.csv", device.get(0)), "verify",
                        tmp.resolve("ok.csv").toString(), "{}", "--rows", "1"),
                row("score --labels /dev/zero", zero, 2, List.of("/dev/zero", device.get(0)), "score", "--labels",
                        "{}", tmp.resolve("ok.csv").toString()),
                row("score --labels a .bin link to /dev/null", t -> t.resolve("null.bin"), 2,
                        List.of("null.bin", device.get(0)), "score", "--labels", "{}", tmp.resolve("ok.csv").toString()),
                row("a pin that is a fifo", pipe, 2, List.of("pipe.csv", device.get(0)), "--pin", "{}", "--out",
                        tmp.resolve("never/predictions.csv").toString()),
                row("--data /dev/zero", zero, 2, List.of("/dev/zero", device.get(0)), "data", "--data", "{}"),
                row("--model a folder", dir, 2, List.of("folder.a2model is a directory, not a model file"),
                        "predict", "--model", "{}", "--out", tmp.resolve("never/predictions.csv").toString()),
                row("--model a symlink loop", self, 2, List.of("loop.a2model is a loop of symbolic links"),
                        "predict", "--model", "{}", "--out", tmp.resolve("never/predictions.csv").toString()),
                row("--model /dev/zero", zero, 2, List.of("/dev/zero", device.get(0)), "predict", "--model", "{}",
                        "--out", tmp.resolve("never/predictions.csv").toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aSpecialFileIsRefusedAtOnceNamingIt(Case c) throws IOException {
        if (!Files.exists(tmp.resolve("null.bin"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(tmp.resolve("null.bin"), Path.of("/dev/null"));
        }
        String special = c.path().apply(tmp).toString();
        String[] args = c.args().stream().map(a -> a.equals("{}") ? special : a).toArray(String[]::new);
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            CommandLine cl = Cli.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            return cl.execute(args);
        }, "a special file must be refused, not read");
        assertEquals(c.exit(), code, out + "\n" + err);
        c.words().forEach(w -> assertTrue(err.toString().contains(w), "'" + w + "' in: " + err));
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
        assertFalse(Files.exists(tmp.resolve("never")), "nothing was written");
    }

    @Test
    void theCapIsEnforcedWhileReadingNotFromTheClaimedSize() throws IOException {
        Path maps = Path.of("/proc/self/maps"); // a regular file that claims 0 bytes and holds kilobytes
        assumeTrue(Files.isRegularFile(maps) && Files.size(maps) == 0, "needs Linux /proc");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> InputFiles.readBounded(maps, "a label file", 100));
        assertTrue(e.getMessage().contains("/proc/self/maps holds more than 100 bytes: far too large to be a label file"),
                e.getMessage());
        Path exact = tmp.resolve("exact.txt");
        Files.write(exact, new byte[100]);
        assertEquals(100, InputFiles.readBounded(exact, "a label file", 100).length);
        Files.write(exact, new byte[101]);
        assertThrows(InvalidInputException.class, () -> InputFiles.readBounded(exact, "a label file", 100));
        assertEquals(0, InputFiles.readBounded(Files.write(exact, new byte[0]), "x", 100).length);
    }

    /**
     * An unreadable file, as a user who is not root (root reads everything): "permission denied", exit 2. The
     * probe runs {@link InputFiles} as {@code nobody}, with only the project's own classes on its classpath.
     */
    @Test
    void anUnreadableFileSaysPermissionDenied() throws Exception {
        Path dir = Files.createTempDirectory("a2-unreadable");
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path secret = Files.writeString(dir.resolve("secret.csv"), "Id,Prediction\n1,1\n");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            String output;
            if (!"root".equals(System.getProperty("user.name"))) {
                Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
                output = ReadProbe.describe(secret);
            } else {
                assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv to drop root");
                List<String> cmd = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup",
                        "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Duser.home=/tmp", "-cp", projectClasses(), ReadProbe.class.getName(), secret.toString()));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe finished");
                output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(output.contains("exit 2: permission denied: cannot read " + secret), output);
            assertEquals("Id,Prediction\n1,1\n", Files.readString(secret), "the file is untouched");
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    /** target/classes and target/test-classes: world-readable, unlike the Maven repository under /root. */
    private static String projectClasses() {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> e.endsWith("classes") || e.endsWith("classes/"))
                .reduce((a, b) -> a + java.io.File.pathSeparator + b).orElseThrow();
    }

    /** Reads one file through {@link InputFiles} and prints the exit code and message a command would give. */
    public static final class ReadProbe {
        public static void main(String[] args) {
            System.out.println(describe(Path.of(args[0])));
        }

        static String describe(Path file) {
            try {
                return "read " + InputFiles.readBounded(file, "a label file", 1 << 20).length + " bytes";
            } catch (InvalidInputException e) {
                return "exit 2: " + e.getMessage();
            } catch (RuntimeException e) {
                return "exit 3: " + e.getMessage();
            }
        }
    }
}
