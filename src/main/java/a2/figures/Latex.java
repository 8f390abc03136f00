package a2.figures;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Small LaTeX helpers: escaping, number formats, and a {@code \newcommand} file built name by name. */
public final class Latex {
    private Latex() {}

    /** Escapes the characters LaTeX treats specially in running text. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\textbackslash{}");
                case '{', '}', '$', '&', '#', '_', '%' -> b.append('\\').append(c);
                case '~' -> b.append("\\textasciitilde{}");
                case '^' -> b.append("\\textasciicircum{}");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A name or identifier in typewriter type. */
    public static String code(String s) {
        return "\\texttt{" + escape(s) + "}";
    }

    /** {@code 0.8134} as {@code 81.3\%}. */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f\\%%", 100 * fraction);
    }

    /** A difference of two fractions in percentage points, signed, in math mode for a true minus: {@code $+2.1$}. */
    public static String points(double difference) {
        return String.format(Locale.ROOT, "$%+.1f$", 100 * difference);
    }

    public static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** An integer with thin-space thousands separators, as the text typesets them: {@code 45{,}000}. */
    public static String integer(long v) {
        return String.format(Locale.ROOT, "%,d", v).replace(",", "{,}");
    }

    /** A number as written in the recipe, without trailing zeros: 0.0005, 0.05, 10. */
    public static String plain(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** A p-value with 3 significant digits; small ones in scientific notation ({@code $2.58\times 10^{-5}$}). */
    public static String pValue(double p) {
        if (p >= 0.001) {
            return String.format(Locale.ROOT, "%.3g", p);
        }
        String[] parts = String.format(Locale.ROOT, "%.2e", p).split("e");
        return "$" + parts[0] + "\\times 10^{" + Integer.parseInt(parts[1]) + "}$";
    }

    /** Seconds as hours and minutes: {@code 3\,h\,07\,min}. */
    public static String duration(double seconds) {
        long minutes = Math.round(seconds / 60);
        return minutes >= 60 ? String.format(Locale.ROOT, "%d\\,h\\,%02d\\,min", minutes / 60, minutes % 60)
                : String.format(Locale.ROOT, "%d\\,min", minutes);
    }

    /** A file of {@code \newcommand}s in insertion order; names are letters only (as TeX control words require). */
    public static final class Macros {
        private final Map<String, String> values = new LinkedHashMap<>();

        public Macros put(String name, String value) {
            if (!name.matches("[A-Za-z]+")) {
                throw new IllegalArgumentException("macro name must be letters only: " + name);
            }
            if (values.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("macro \\" + name + " defined twice");
            }
            return this;
        }

        public Map<String, String> values() {
            return java.util.Collections.unmodifiableMap(values);
        }

        public String render(String header) {
            StringBuilder b = new StringBuilder();
            b.append("% ").append(header).append('\n');
            values.forEach((k, v) -> b.append("\\newcommand{\\").append(k).append("}{").append(v).append("}\n"));
            return b.toString();
        }
    }
}
