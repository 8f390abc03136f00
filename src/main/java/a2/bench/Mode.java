package a2.bench;

import java.util.Locale;

/** What a timed block measures: optimizer steps (forward, backward, update) or inference forwards. */
public enum Mode {
    TRAIN, INFER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode parse(String s) {
        for (Mode m : values()) {
            if (m.id().equalsIgnoreCase(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("mode must be 'train' or 'infer', got '" + s + "'");
    }
}
