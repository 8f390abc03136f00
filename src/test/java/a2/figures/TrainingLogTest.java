package a2.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLogTest {
    static final String HEADER = "epoch,steps,lr,train_loss,train_acc,val_acc,images_per_s,mask_rate,pseudo_acc_val,"
            + "pseudo_rate_val,epoch_seconds,total_seconds\n";

    @TempDir
    Path tmp;

    /** A semi-supervised log as {@code Trainer} writes it: the pseudo-label columns empty before they start. */
    static Path semiLog(Path dir) throws IOException {
        Path f = dir.resolve("semi.csv");
        Files.writeString(f, HEADER
                + "1,20,0.037500,2.4122,0.2020,0.1980,100.0,,,,10.0,16.2\n"
                + "2,40,0.012500,2.1607,0.3160,0.3500,200.0,,,,10.0,34.3\n"
                + "3,60,0.000000,1.4008,0.2870,0.3500,300.0,0.0200,0.7500,0.0400,20.0,135.1\n");
        return f;
    }

    @Test
    void readsColumnsByNameWithEmptyCellsAsNaN() throws IOException {
        TrainingLog log = TrainingLog.read(semiLog(tmp));
        assertEquals(3, log.epochs().size());
        TrainingLog.Epoch e1 = log.epochs().get(0);
        assertEquals(1, e1.epoch());
        assertEquals(20, e1.steps());
        assertEquals(2.4122, e1.trainLoss());
        assertTrue(Double.isNaN(e1.maskRate()));
        assertEquals(0.02, log.last().maskRate());
        assertEquals(0.75, log.last().pseudoAccVal());
        assertEquals(135.1, log.last().totalSeconds());
    }

    @Test
    void bestIsTheEarliestEpochWithTheHighestValidationAccuracy() throws IOException {
        assertEquals(2, TrainingLog.read(semiLog(tmp)).best().epoch());
    }

    /** (100*10 + 200*10 + 300*20) images / 40 s = 225 images/s, not the mean of the rates (200). */
    @Test
    void throughputWeighsEpochsByTheirTime() throws IOException {
        assertEquals(225.0, TrainingLog.read(semiLog(tmp)).imagesPerSecond(), 1e-9);
    }

    @Test
    void theTailMeanAveragesTheLastEpochsValidationAccuracy() throws IOException {
        TrainingLog log = TrainingLog.read(semiLog(tmp));
        assertEquals((0.35 + 0.35) / 2, log.tailValAcc(2), 1e-12);
        assertEquals((0.198 + 0.35 + 0.35) / 3, log.tailValAcc(30), 1e-12, "a run shorter than the tail: all epochs");
        assertThrows(IllegalArgumentException.class, () -> log.tailValAcc(0));
    }

    @Test
    void columnOrderDoesNotMatter() throws IOException {
        Path f = tmp.resolve("reordered.csv");
        Files.writeString(f, "val_acc,epoch,steps,lr,train_loss,train_acc,images_per_s,mask_rate,pseudo_acc_val,"
                + "pseudo_rate_val,epoch_seconds,total_seconds\n0.5,7,1,0.1,1.0,0.4,10,,,,1,2\n");
        TrainingLog log = TrainingLog.read(f);
        assertEquals(7, log.last().epoch());
        assertEquals(0.5, log.last().valAcc());
    }

    @Test
    void brokenLogsFailWithTheFileAndTheProblem() throws IOException {
        Path missingColumn = tmp.resolve("a.csv");
        Files.writeString(missingColumn, "epoch,val_acc\n1,0.5\n");
        var e = assertThrows(InvalidInputException.class, () -> TrainingLog.read(missingColumn));
        assertTrue(e.getMessage().contains("a.csv") && e.getMessage().contains("train_loss"), e.getMessage());

        Path badNumber = tmp.resolve("b.csv");
        Files.writeString(badNumber, HEADER + "1,20,0.1,x,0.2,0.2,1,,,,1,1\n");
        e = assertThrows(InvalidInputException.class, () -> TrainingLog.read(badNumber));
        assertTrue(e.getMessage().contains("b.csv"), e.getMessage());

        Path empty = tmp.resolve("c.csv");
        Files.writeString(empty, HEADER);
        assertThrows(InvalidInputException.class, () -> TrainingLog.read(empty));
        assertThrows(InvalidInputException.class, () -> TrainingLog.read(tmp.resolve("absent.csv")));
    }

    @Test
    void curvesRenderAtTheRequestedSizeAndDeterministically() throws IOException {
        TrainingLog semi = TrainingLog.read(semiLog(tmp));
        Path supFile = tmp.resolve("sup.csv");
        Files.writeString(supFile, HEADER + "1,20,0.1,2.3,0.2,0.25,100,,,,10,11\n2,40,0.1,2.0,0.3,0.33,100,,,,10,22\n"
                + "3,60,0.0,1.9,0.35,0.36,100,,,,10,33\n");
        TrainingLog sup = TrainingLog.read(supFile);
        List<Curves.Run> runs = List.of(new Curves.Run("supervised", sup), new Curves.Run("semi-supervised", semi));
        BufferedImage a = Curves.accuracyAndLoss(runs, OptionalInt.of(2), "pseudo-labels", 640, 480);
        assertEquals(640, a.getWidth());
        assertEquals(480, a.getHeight());
        assertEquals(0xffffff, a.getRGB(2, 2) & 0xffffff, "white background");
        org.junit.jupiter.api.Assertions.assertArrayEquals(Png.encode(a),
                Png.encode(Curves.accuracyAndLoss(runs, OptionalInt.of(2), "pseudo-labels", 640, 480)));
        BufferedImage p = Curves.pseudoLabels(semi, 0.95, 500, 300);
        assertEquals(500, p.getWidth());
        assertEquals(300, p.getHeight());
        assertTrue(containsColour(a, Charts.PALETTE[0].getRGB()) && containsColour(a, Charts.PALETTE[1].getRGB()),
                "both runs are drawn in their palette colours");
    }

    @Test
    void emptyCellsAreLeftOutOfASeries() throws IOException {
        assertEquals(1, Curves.series("mask", TrainingLog.read(semiLog(tmp)), TrainingLog.Epoch::maskRate).getItemCount());
    }

    static boolean containsColour(BufferedImage img, int argb) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == (argb & 0xffffff)) {
                    return true;
                }
            }
        }
        return false;
    }
}
