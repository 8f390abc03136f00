package a2.train;

import a2.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** The per-epoch training log ({@code log.csv}), rewritten atomically after every epoch. */
public final class EpochLog {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();
    /** The columns, in the order of {@link Row}'s components. */
    static final String[] HEADER = {"epoch", "steps", "lr", "train_loss", "train_acc", "val_acc", "images_per_s",
            "mask_rate", "pseudo_acc_val", "pseudo_rate_val", "epoch_seconds", "total_seconds", "data_wait_seconds"};

    private EpochLog() {}

    /**
     * One epoch's row, each cell as written (so a resumed run rewrites the earlier rows byte for byte); an empty cell
     * is a measurement the epoch does not have (no pseudo-labels yet).
     *
     * @param epoch           1-based
     * @param steps           global optimizer steps at the epoch's end
     * @param maskRate        the share of pseudo-labels kept (Noisy Student: the teacher's pool share)
     * @param pseudoAccVal    on validation, how often a pseudo-label that passes the method's rule is right
     * @param pseudoRateVal   on validation, how often one passes
     * @param epochSeconds    the training thread's time in the epoch's steps (FixMatch's labeling forward included,
     *                        validation not)
     * @param dataWaitSeconds further time it spent waiting for the prefetch thread's next batch (near zero: the data
     *                        pipeline keeps up)
     */
    public record Row(String epoch, String steps, String lr, String trainLoss, String trainAcc, String valAcc,
                      String imagesPerSecond, String maskRate, String pseudoAccVal, String pseudoRateVal,
                      String epochSeconds, String totalSeconds, String dataWaitSeconds) {
        static Row of(String[] cells, Path file, long line) {
            if (cells.length != HEADER.length) {
                throw new a2.io.InvalidInputException(file + " line " + line + ": " + cells.length + " columns, expected "
                        + HEADER.length + " " + String.join(",", HEADER));
            }
            return new Row(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6], cells[7], cells[8],
                    cells[9], cells[10], cells[11], cells[12]);
        }

        Object[] cells() {
            return new Object[] {epoch, steps, lr, trainLoss, trainAcc, valAcc, imagesPerSecond, maskRate, pseudoAccVal,
                    pseudoRateVal, epochSeconds, totalSeconds, dataWaitSeconds};
        }

        public int epochNumber() {
            return Integer.parseInt(epoch);
        }
    }

    static void write(Path file, List<Row> rows) {
        AtomicFiles.write(file, out -> {
            var w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            // Not closed here: AtomicFiles owns the stream and forces it to disk before the rename.
            CSVPrinter p = new CSVPrinter(w, FORMAT.builder().setHeader(HEADER).build());
            for (Row r : rows) {
                p.printRecord(r.cells());
            }
            p.flush();
        });
    }

    /** Data rows (header dropped); an absent file is an empty log. */
    public static List<Row> read(Path file) {
        List<Row> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        try (Reader r = Files.newBufferedReader(file);
             CSVParser p = CSVParser.parse(r, FORMAT.builder().setHeader().setSkipHeaderRecord(true).build())) {
            for (CSVRecord rec : p) {
                rows.add(Row.of(rec.values(), file, rec.getRecordNumber() + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }
}
