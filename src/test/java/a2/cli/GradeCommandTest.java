package a2.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code grade}'s refusals: every problem of a bad roster or rubric at once, exit 2, nothing written. */
class GradeCommandTest {
    @TempDir
    Path dir;

    @Test
    void aBadRosterExitsTwoNamingEveryLine() throws Exception {
        Path roster = dir.resolve("roster.csv");
        Files.writeString(roster, "team,model,sha256,submission\na,m.a2model,123,s.csv\na,m.a2model," + "b".repeat(64)
                + ",s.csv\n");
        Path out = dir.resolve("out");
        CommandRun run = CommandRun.of(new GradeCommand(), "--roster", roster.toString(), "--labels",
                dir.resolve("labels.csv").toString(), "--out", out.toString());
        assertEquals(ExitCode.INVALID_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().contains(roster + ":2: sha256 must be 64 hex digits"), run.err());
        assertTrue(run.err().contains(roster + ":3: duplicate team 'a' (first on line 2)"), run.err());
        assertFalse(Files.exists(out), "nothing is written for a bad roster");
    }

    @Test
    void aBadRubricOrLimitExitsTwo() throws Exception {
        Path roster = dir.resolve("roster.csv");
        Files.writeString(roster, "team,model,sha256,submission\na,m.a2model," + "b".repeat(64) + ",s.csv\n");
        Path rubric = dir.resolve("rubric.json");
        Files.writeString(rubric, "{\"overrides\": [{\"team\": \"zed\", \"points\": 1, \"reason\": \"r\"}]}");
        CommandRun run = CommandRun.of(new GradeCommand(), "--roster", roster.toString(), "--labels", "l.csv",
                "--rubric", rubric.toString(), "--out", dir.resolve("out").toString());
        assertEquals(ExitCode.INVALID_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().contains("overrides name teams not on the roster: zed"), run.err());

        CommandRun memory = CommandRun.of(new GradeCommand(), "--roster", roster.toString(), "--labels", "l.csv",
                "--out", dir.resolve("out").toString(), "--memory", "lots");
        assertEquals(ExitCode.INVALID_INPUT, memory.exitCode(), memory.err());
        assertTrue(memory.err().contains("memory 'lots' is not a size"), memory.err());
    }
}
