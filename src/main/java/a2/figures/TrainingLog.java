package a2.figures;

import a2.io.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A training run's {@code log.csv} (written by {@code a2.train.Trainer}, one row per epoch), read by column name.
 * Columns that are empty in a row (the semi-supervised ones in a supervised run, or before pseudo-labelling starts)
 * read as NaN.
 */
public record TrainingLog(List<Epoch> epochs) {
    static final List<String> REQUIRED = List.of("epoch", "steps", "lr", "train_loss", "train_acc", "val_acc",
            "images_per_s", "mask_rate", "pseudo_acc_val", "pseudo_rate_val", "epoch_seconds", "total_seconds");

    public TrainingLog {
        epochs = List.copyOf(epochs);
    }

    /**
     * @param maskRate       fraction of the unlabeled pool at or above the confidence threshold
     * @param pseudoAccVal   accuracy of the validation predictions at or above the threshold
     * @param pseudoRateVal  fraction of validation images at or above the threshold
     * @param epochSeconds   seconds spent in optimizer steps this epoch (not validation)
     * @param totalSeconds   wall-clock seconds since the run started, summed over resumptions
     */
    public record Epoch(int epoch, long steps, double lr, double trainLoss, double trainAcc, double valAcc,
                        double imagesPerSecond, double maskRate, double pseudoAccVal, double pseudoRateVal,
                        double epochSeconds, double totalSeconds) {}

    public static TrainingLog read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("training log " + file + " does not exist");
        }
        List<Epoch> rows = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file);
             CSVParser p = CSVParser.parse(r, CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            Map<String, Integer> header = p.getHeaderMap();
            List<String> missing = REQUIRED.stream().filter(c -> !header.containsKey(c)).toList();
            if (!missing.isEmpty()) {
                throw new InvalidInputException(file + " lacks the column(s) " + missing + "; it has " + header.keySet());
            }
            for (CSVRecord rec : p) {
                try {
                    rows.add(new Epoch(Integer.parseInt(rec.get("epoch")), Long.parseLong(rec.get("steps")),
                            num(rec, "lr"), num(rec, "train_loss"), num(rec, "train_acc"), num(rec, "val_acc"),
                            num(rec, "images_per_s"), num(rec, "mask_rate"), num(rec, "pseudo_acc_val"),
                            num(rec, "pseudo_rate_val"), num(rec, "epoch_seconds"), num(rec, "total_seconds")));
                } catch (IllegalStateException | IllegalArgumentException e) {
                    throw new InvalidInputException(file + " data row " + rec.getRecordNumber() + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new InvalidInputException(file + " is not a valid CSV file: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException(file + " holds no epochs");
        }
        return new TrainingLog(rows);
    }

    private static double num(CSVRecord rec, String column) {
        String v = rec.get(column).strip();
        return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
    }

    /** The epoch with the highest validation accuracy; the earliest of equals (what {@code Trainer} keeps). */
    public Epoch best() {
        Epoch best = epochs.get(0);
        for (Epoch e : epochs) {
            if (e.valAcc() > best.valAcc()) {
                best = e;
            }
        }
        return best;
    }

    public Epoch last() {
        return epochs.get(epochs.size() - 1);
    }

    /**
     * Mean validation accuracy over the last {@code n} epochs (all of them if fewer). Less noisy than the kept
     * epoch's, and unlike it not biased upward by picking the maximum of many noisy evaluations, a bias that grows
     * with the number of epochs: runs of different lengths compare fairly on it.
     */
    public double tailValAcc(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the tail needs at least one epoch: " + n);
        }
        return epochs.subList(Math.max(0, epochs.size() - n), epochs.size()).stream()
                .mapToDouble(Epoch::valAcc).average().orElseThrow();
    }

    /** Training throughput over the whole run: images processed / seconds in optimizer steps. */
    public double imagesPerSecond() {
        double images = 0, seconds = 0;
        for (Epoch e : epochs) {
            if (Double.isFinite(e.imagesPerSecond()) && Double.isFinite(e.epochSeconds())) {
                images += e.imagesPerSecond() * e.epochSeconds();
                seconds += e.epochSeconds();
            }
        }
        return seconds > 0 ? images / seconds : Double.NaN;
    }
}
