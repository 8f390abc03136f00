package a2.cli;

import a2.launch.ChildJvm;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fixes the native thread count before anything loads ND4J. OpenMP (used by ND4J and oneDNN) reads
 * {@code OMP_NUM_THREADS} once, when the native library loads, and a JVM cannot change its own environment; so
 * when a command needs a thread count the environment does not already say, this starts the same JVM again with
 * it, and returns the child's exit code. The child is started by {@link ChildJvm}, so it cannot outlive this
 * process (a {@code kill -9} of this one included); if it cannot start, this says why and runs the command here.
 *
 * <p>Which commands need what: {@code train --threads N} needs N (two runs side by side on a 2-core machine each
 * want 1; left to OpenMP, each would spin 2 threads and both would crawl at a third of their speed). Prediction
 * ({@code predict}, and the default Result pipeline) always runs on ONE thread: oneDNN may sum in a different
 * order with a different thread count, and a regenerated submission must not depend on the machine's cores. So do
 * {@code figures} (unless {@code --threads} says otherwise): their features feed t-SNE, and figures rebuilt from
 * the same inputs must be byte-identical.
 */
public final class Launcher {
    static final String OMP_ENV = "OMP_NUM_THREADS";
    /** Set in the child, so a child never relaunches again. */
    static final String RELAUNCHED_ENV = "A2_RELAUNCHED";
    static final Set<String> SINGLE_THREADED = Set.of("predict", "figures");
    static final Set<String> NO_NATIVE = Set.of("verify", "score", "pin", "download", "data", "stl10-scale-release");
    /** Help and version, on any command: printed at once, never worth a second JVM. */
    static final Set<String> HELP_OR_VERSION = Set.of("-h", "--help", "-V", "--version");

    private Launcher() {}

    public static int main(String[] args) {
        return main(args, System.err);
    }

    /** {@code err} hears why a needed relaunch could not happen (the launcher runs before picocli has a stream). */
    static int main(String[] args, PrintStream err) {
        Optional<Integer> threads = requiredThreads(args);
        String current = System.getenv(OMP_ENV);
        if (threads.isPresent() && !String.valueOf(threads.get()).equals(current) && System.getenv(RELAUNCHED_ENV) == null) {
            Optional<Integer> code = relaunch(relaunchCommand(threads.get(), args), threads.get(), err);
            if (code.isPresent()) {
                return code.get();
            }
        }
        return Cli.run(args);
    }

    /** The thread count the native libraries must load with, if the command has a requirement. */
    static Optional<Integer> requiredThreads(String[] args) {
        String command = args.length == 0 || args[0].startsWith("-") ? "" : args[0];
        if (List.of(args).stream().anyMatch(HELP_OR_VERSION::contains)) {
            return Optional.empty();
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--threads") && i + 1 < args.length) {
                return parse(args[i + 1]);
            }
            if (args[i].startsWith("--threads=")) {
                return parse(args[i].substring("--threads=".length()));
            }
        }
        if (NO_NATIVE.contains(command)) {
            return Optional.empty();
        }
        if (command.isEmpty() || SINGLE_THREADED.contains(command)) {
            return Optional.of(1);
        }
        return Optional.empty();
    }

    private static Optional<Integer> parse(String s) {
        try {
            int n = Integer.parseInt(s);
            return n >= 1 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty(); // picocli reports the bad value with its usage message
        }
    }

    /** This JVM's own options and arguments again, with the thread count fixed and the relaunch marked. */
    static ProcessBuilder relaunchCommand(int threads, String[] args) {
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        ProcessBuilder pb = ChildJvm.command(jvmOptions, List.of(args)).inheritIO();
        pb.environment().put(OMP_ENV, String.valueOf(threads));
        pb.environment().put(RELAUNCHED_ENV, "1");
        return pb;
    }

    /**
     * Runs the relaunched JVM and returns its exit code; empty, after saying why on {@code err}, when it could not
     * start, so the command still runs here (with the thread count the environment gives, which the message names).
     */
    static Optional<Integer> relaunch(ProcessBuilder pb, int threads, PrintStream err) {
        Process p;
        try {
            p = ChildJvm.start(pb);
        } catch (IOException | RuntimeException e) {
            String current = System.getenv(OMP_ENV);
            err.println("warning: could not start " + pb.command().get(0) + " again with " + OMP_ENV + "=" + threads
                    + " (" + e.getMessage() + "); running in this JVM instead, where native code uses "
                    + (current == null ? "OpenMP's default thread count (" + OMP_ENV + " is not set)" : OMP_ENV + "=" + current));
            err.flush();
            return Optional.empty();
        }
        try {
            return Optional.of(p.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(ExitCode.INTERNAL);
        }
    }
}
