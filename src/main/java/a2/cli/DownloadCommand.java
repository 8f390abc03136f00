package a2.cli;

import a2.data.DataLocator;
import a2.data.stl10.Stl10Pins;
import a2.data.stl10.Stl10Release;
import a2.fetch.Downloader;
import a2.fetch.Source;
import a2.io.Progress;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code download [--url URL] [--cache DIR]}: fetches the official STL-10 release (or a mirror or local copy),
 * verifies it, unpacks it into {@code <cache>/stl10_binary/} and prints that folder's absolute path on stdout
 * (progress goes to stderr). Exit 0; 3 on a checksum, network or disk failure; 2 on a bad URL.
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Download the STL-10 binary release, verify its md5 pins and unpack it into the cache.")
public final class DownloadCommand implements Callable<Integer> {
    @Option(names = "--url", paramLabel = "URL",
            description = "Where stl10_binary.tar.gz is: an http(s): mirror or a file: URL of a local copy (default: ${DEFAULT-VALUE}).")
    String url = Stl10Release.OFFICIAL_URL.toString();

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Cache folder for the archive and the unpacked stl10_binary/ (default: $" + DataLocator.CACHE_ENV
                    + ", else ./cache; where --data looks last).")
    Path cache;

    @Spec
    CommandSpec spec;

    private final Stl10Release release;
    private final Stl10Pins pins;

    /** The official release over the network (picocli instantiates commands through this constructor). */
    public DownloadCommand() {
        this(new Stl10Release(new Downloader()), Stl10Pins.official());
    }

    /** Tests inject pins of a small synthetic archive. */
    DownloadCommand(Stl10Release release, Stl10Pins pins) {
        this.release = Objects.requireNonNull(release);
        this.pins = Objects.requireNonNull(pins);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintStream progressLines = new PrintStream(new WriterOutputStream(err), true, StandardCharsets.UTF_8);
        Path cacheDir = cache != null ? cache : DataLocator.fromEnvironment().cacheRoot();
        Path dir = release.download(Source.parseUrl(url), cacheDir, pins, Progress.forTerminal(progressLines, Progress.Unit.BYTES));
        progressLines.flush();
        out.println(dir.toAbsolutePath());
        out.flush();
        return ExitCode.OK;
    }

    /** Progress writes to a PrintStream, picocli hands out a PrintWriter (which tests capture): passes whole lines on. */
    private static final class WriterOutputStream extends OutputStream {
        private final PrintWriter writer;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        WriterOutputStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n' || b == '\r') {
                flush();
            }
        }

        @Override
        public void flush() {
            writer.print(line.toString(StandardCharsets.UTF_8));
            writer.flush();
            line.reset();
        }
    }
}
