package a2.verify;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses one CSV field that must be a bare decimal integer, the way the writer prints it: optional minus sign,
 * digits, no leading zeros, no spaces, no quotes. A field that fails says why in words (a float, a quoted
 * number, a class name), because the why is the fix.
 */
final class IntField {
    private IntField() {}

    private static final Pattern CANONICAL = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern LEADING_ZERO = Pattern.compile("-?0[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    /** 18 digits always fit a long; longer canonical numbers are out of every range here anyway. */
    private static final int MAX_DIGITS = 18;

    /** Either {@code problem == null} and {@code value} is the number (clamped to ±10^18), or a message. */
    record Parsed(long value, String problem) {
        boolean ok() {
            return problem == null;
        }

        /** The value clamped into int range (still out of every 1..N range when it was clamped). */
        int intValue() {
            return (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, value));
        }
    }

    /**
     * @param what  how the field is named in messages, e.g. {@code Id} or {@code label}
     * @param field the raw text between commas
     */
    static Parsed parse(String what, String field) {
        if (field.isEmpty()) {
            return fail("empty " + what);
        }
        if (CANONICAL.matcher(field).matches()) {
            boolean negative = field.charAt(0) == '-';
            int digits = field.length() - (negative ? 1 : 0);
            long value = digits > MAX_DIGITS ? (negative ? -1_000_000_000_000_000_000L : 1_000_000_000_000_000_000L)
                    : Long.parseLong(field);
            return new Parsed(value, null);
        }
        String shown = "'" + show(field) + "'";
        String stripped = field.strip();
        if (!stripped.equals(field) && CANONICAL.matcher(stripped).matches()) {
            return fail(what + " " + shown + " has spaces around it; write the bare integer " + stripped);
        }
        if (field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")) {
            return fail(what + " " + show(field) + " is quoted; write the bare integer without quotes");
        }
        if (LEADING_ZERO.matcher(field).matches()) {
            return fail(what + " " + shown + " has a leading zero; write " + Long.parseLong(field));
        }
        if (field.startsWith("+") && CANONICAL.matcher(field.substring(1)).matches()) {
            return fail(what + " " + shown + " has a plus sign; write " + field.substring(1));
        }
        if (DECIMAL.matcher(field).matches()) {
            double v = Double.parseDouble(field);
            String hint = v > 0 && v < 1 ? " (a probability? this column holds a class label)" : "";
            return fail(what + " " + shown + " is not an integer" + hint);
        }
        return fail(what + " " + shown + " is not a number");
    }

    /**
     * The text as it may be printed in a message: control and invisible characters (CR, tab, no-break space,
     * a stray BOM) escaped, so a message never garbles the terminal and shows what the eye cannot.
     */
    static String show(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == 0xA0 || c == 0xFEFF || (c >= 0x2000 && c <= 0x200F)) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static Parsed fail(String message) {
        return new Parsed(0, message);
    }
}
