package a2.verify;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Kaggle accepts a UTF-8 byte order mark and CRLF line ends, so a file a team uploaded there may carry both.
 * The grader accepts them with a warning: this strips them, and the strict format check runs on what is left
 * (every other rule of {@link a2.verify.PredictionsFile} still holds).
 */
public record KaggleText(byte[] bytes, List<String> warnings) {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    public KaggleText {
        warnings = List.copyOf(warnings);
    }

    /** @param name the file, named in the warnings */
    public static KaggleText normalize(byte[] raw, String name) {
        List<String> warnings = new ArrayList<>();
        int start = 0;
        if (raw.length >= BOM.length && raw[0] == BOM[0] && raw[1] == BOM[1] && raw[2] == BOM[2]) {
            start = BOM.length;
            warnings.add(name + ": UTF-8 byte order mark removed (Kaggle accepts it; the format has none)");
        }
        byte[] out = new byte[raw.length - start];
        int n = 0;
        int crlf = 0;
        for (int i = start; i < raw.length; i++) {
            if (raw[i] == '\r' && i + 1 < raw.length && raw[i + 1] == '\n') {
                crlf++;
                continue;
            }
            out[n++] = raw[i];
        }
        if (crlf > 0) {
            warnings.add(String.format(Locale.ROOT, "%s: %,d CRLF line ends read as LF (Kaggle accepts them; the"
                    + " format is LF-only)", name, crlf));
        }
        return new KaggleText(java.util.Arrays.copyOf(out, n), warnings);
    }

    /** The lines of the text, without line ends (a last line without LF included). */
    public List<String> lines() {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
