package a2.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterTest {
    private static final String SHA = "a".repeat(64);

    @TempDir
    Path dir;

    private Path roster(String text) throws Exception {
        Path p = dir.resolve("roster.csv");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsTeamsInOrderWithPathsRelativeToTheRoster() throws Exception {
        Roster r = Roster.read(roster("team,model,sha256,submission,kaggle_public\n"
                + "b-1,m.a2model," + SHA + ",sub/p.csv,79.21%\n"
                + "a_2,https://example.org/m.a2model," + SHA.toUpperCase() + ",p.csv,0.5\n"));
        assertEquals(2, r.teams().size());
        Roster.Team b = r.teams().get(0);
        assertEquals("b-1", b.name());
        assertEquals(dir.resolve("m.a2model").toString(), b.model());
        assertEquals(dir.resolve("sub/p.csv").toString(), b.submission());
        assertEquals(0.7921, b.kagglePublic().getAsDouble(), 1e-12);
        assertEquals("https://example.org/m.a2model", r.teams().get(1).model());
        assertEquals(SHA, r.teams().get(1).sha256());
        assertEquals(3, r.teams().get(1).line());
    }

    @Test
    void reportsEveryProblemWithItsLine() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Roster.read(roster(
                "team,model,sha256,submission\n"
                        + "ok,m," + SHA + ",s\n"
                        + "bad name,m," + SHA + ",s\n"
                        + "OK,m,1234,s\n"
                        + "x,m," + SHA + "\n")));
        String m = e.getMessage();
        assertTrue(m.contains("roster.csv:3: team name 'bad name'"), m);
        assertTrue(m.contains("roster.csv:4: duplicate team 'OK' (first on line 2)"), m);
        assertTrue(m.contains("roster.csv:4: sha256 must be 64 hex digits"), m);
        assertTrue(m.contains("roster.csv:5: expected 4 columns, found 3"), m);
    }

    @Test
    void refusesAMissingColumnAndABadKaggleScore() throws Exception {
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> Roster.read(roster("team,model,submission\nx,m,s\n")));
        assertTrue(missing.getMessage().contains("lacks column 'sha256'"), missing.getMessage());
        InvalidInputException kaggle = assertThrows(InvalidInputException.class, () -> Roster.read(roster(
                "team,model,sha256,submission,kaggle_public\nx,m," + SHA + ",s,1.5\n")));
        assertTrue(kaggle.getMessage().contains(":2: kaggle_public '1.5'"), kaggle.getMessage());
    }

    @Test
    void acceptsBomAndCrlfWithAWarning() throws Exception {
        Path p = dir.resolve("roster.csv");
        byte[] body = ("team,model,sha256,submission\r\nx,m," + SHA + ",s\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Files.write(p, bytes);
        Roster r = Roster.read(p);
        assertEquals("x", r.teams().get(0).name());
        assertEquals(2, r.warnings().size(), r.warnings().toString());
    }
}
