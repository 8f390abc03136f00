package a2.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreTest {
    private static final List<String> STL10 =
            List.of("airplane", "bird", "car", "cat", "deer", "dog", "horse", "monkey", "ship", "truck");

    @TempDir
    Path dir;

    private Path predictions(int... labels) {
        Path file = dir.resolve("predictions.csv");
        int[] ids = new int[labels.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i + 1;
        }
        PredictionsFile.write(file, ids, labels);
        return file;
    }

    @Test
    void scoresAgainstAnIdLabelCsv() throws IOException {
        Path truth = dir.resolve("truth.csv");
        Files.writeString(truth, "Id,Label\n1,1\n2,1\n3,2\n4,10\n");
        Score s = Score.score(truth, predictions(1, 2, 2, 10), 10, List.of());
        assertEquals(4, s.rows());
        assertEquals(3, s.correct());
        assertEquals(0.75, s.accuracy());
        assertEquals(0.5, s.perClassAccuracy()[0]);
        assertEquals(1.0, s.perClassAccuracy()[1]);
        assertTrue(Double.isNaN(s.perClassAccuracy()[2]));
        assertEquals(1, s.confusion()[0][1]);
        assertTrue(s.render().startsWith("accuracy: 3/4 = 75.00%\n"), s.render());
    }

    @Test
    void theTruthCsvIsHeldToTheSameRules() throws IOException {
        Path truth = dir.resolve("truth.csv");
        Files.writeString(truth, "Id,Prediction\n1,1\n2,0\n");
        ValidationException e = assertThrows(ValidationException.class,
                () -> Score.score(truth, predictions(1, 2, 3), 10, List.of()));
        assertEquals(truth + ":1: wrong header: expected exactly 'Id,Label', found 'Id,Prediction'", e.lines().get(0));
        assertTrue(e.lines().get(1).startsWith(truth + ":3: label 0"), e.getMessage());
    }

    @Test
    void scoresAgainstAnStl10LabelBinary() throws IOException {
        Path bin = dir.resolve("test_y.bin");
        Files.write(bin, new byte[] {1, 2, 3, 10, 10});
        assertArrayEquals(new int[] {1, 2, 3, 10, 10}, Score.readGroundTruth(bin, OptionalInt.of(5), 10));
        Score s = Score.score(bin, predictions(1, 2, 4, 10, 9), 10, STL10);
        assertEquals(3, s.correct());
        assertEquals(0.5, s.perClassAccuracy()[9]);
        assertEquals(1, s.confusion()[9][8]);
        String text = s.render();
        assertTrue(text.contains("10 truck"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("\\s+3 car\\s+0/1\\s+0\\.00%")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("\\s+10 truck(\\s+0){8}\\s+1\\s+1")), text);
        assertTrue(text.contains("confusion matrix (rows: true label, columns: predicted label)"), text);
    }

    @Test
    void reportsTheByteOffsetOfEveryBadLabel() throws IOException {
        Path bin = dir.resolve("test_y.bin");
        Files.write(bin, new byte[] {1, 2, 3, 0, 5, (byte) 200});
        ValidationException e = assertThrows(ValidationException.class,
                () -> Score.readGroundTruth(bin, OptionalInt.empty(), 10));
        assertEquals(List.of(bin + ": byte offset 3 (Id 4): label 0 outside 1..10",
                bin + ": byte offset 5 (Id 6): label 200 outside 1..10"), e.lines());
    }

    @Test
    void theLabelCountMustMatchThePredictions() throws IOException {
        Path bin = dir.resolve("test_y.bin");
        Files.write(bin, new byte[] {1, 2, 3});
        ValidationException e = assertThrows(ValidationException.class,
                () -> Score.score(bin, predictions(1, 2, 3, 4), 10, List.of()));
        assertTrue(e.lines().stream().anyMatch(l -> l.contains("data row 4 is one too many")), e.getMessage());
        ValidationException size = assertThrows(ValidationException.class,
                () -> Score.readGroundTruth(bin, OptionalInt.of(8000), 10));
        assertTrue(size.getMessage().contains("3 bytes; expected 8,000"), size.getMessage());
    }

    @Test
    void readsClassNames() throws IOException {
        Path names = dir.resolve("class_names.txt");
        Files.writeString(names, String.join("\n", STL10) + "\n");
        assertEquals(STL10, Score.readClassNames(names, 10));
        Files.writeString(names, "airplane\nbird\n");
        assertThrows(InvalidInputException.class, () -> Score.readClassNames(names, 10));
    }
}
