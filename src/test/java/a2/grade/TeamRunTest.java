package a2.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.cli.GradeTeamCommand;
import a2.data.DataLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child that hangs costs its team a TIMEOUT at the wall-clock limit, and is killed. */
@Tag("slow")
class TeamRunTest {
    @TempDir
    Path dir;

    @Test
    void aHangingChildIsKilledAtTheLimitAsTimeout() throws Exception {
        AtomicReference<Process> child = new AtomicReference<>();
        ChildLauncher real = ChildLauncher.sameJvm();
        ChildLauncher hanging = (jvmOptions, args, env, log) -> {
            List<String> options = new ArrayList<>(jvmOptions);
            options.add("-D" + GradeTeamCommand.TEST_RUN_PROPERTY + "=true");
            Process p = real.start(options, args, Map.of(GradeTeamCommand.FAULT_ENV, "hang"), log);
            child.set(p);
            return p;
        };
        TeamRun.Context ctx = new TeamRun.Context(hanging, new DataLocator.Found(dir, false), dir, 10);
        Roster.Team team = new Roster.Team("slowpoke", dir.resolve("m.a2model").toString(), "a".repeat(64),
                dir.resolve("s.csv").toString(), OptionalDouble.empty(), 2);
        long start = System.nanoTime();
        TeamResult r = TeamRun.run(ctx, team, dir.resolve("s.csv"), Files.createDirectories(dir.resolve("t")),
                new Limits(4, 1L << 30, 1));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(Status.TIMEOUT, r.status(), r.detail());
        assertTrue(seconds >= 4 && seconds < 30, "killed at the limit, after " + seconds + " s");
        assertFalse(child.get().isAlive(), "the child is dead");
    }
}
