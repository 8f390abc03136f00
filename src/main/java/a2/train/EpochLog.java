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

    private EpochLog() {}

    static void write(Path file, String[] header, List<String[]> rows) {
        AtomicFiles.write(file, out -> {
            var w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            // Not closed here: AtomicFiles owns the stream and forces it to disk before the rename.
            CSVPrinter p = new CSVPrinter(w, FORMAT.builder().setHeader(header).build());
            for (String[] r : rows) {
                p.printRecord((Object[]) r);
            }
            p.flush();
        });
    }

    /** Data rows (header dropped); an absent file is an empty log. */
    public static List<String[]> read(Path file) {
        List<String[]> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        try (Reader r = Files.newBufferedReader(file);
             CSVParser p = CSVParser.parse(r, FORMAT.builder().setHeader().setSkipHeaderRecord(true).build())) {
            for (CSVRecord rec : p) {
                rows.add(rec.values());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }
}
