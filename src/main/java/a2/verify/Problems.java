package a2.verify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Collects problems in any order but keeps only the {@link #MAX_LISTED} with the smallest line numbers (ties in
 * the order they were found) and counts the rest, so a garbage file of a million lines costs constant memory and
 * prints a screenful, while every problem is still counted.
 */
final class Problems {
    /** A screenful: enough to see the pattern of a systematic error, few enough to read. */
    static final int MAX_LISTED = 50;

    private record Entry(Problem problem, long seq) {}

    private static final Comparator<Entry> ORDER =
            Comparator.comparingInt((Entry e) -> e.problem().line()).thenComparingLong(Entry::seq);

    /** Max-heap on (line, seq): the head is the entry to drop when a smaller one arrives. */
    private final PriorityQueue<Entry> kept = new PriorityQueue<>(MAX_LISTED + 1, ORDER.reversed());
    private long seq;
    private int total;

    void add(int line, String message) {
        total++;
        kept.add(new Entry(new Problem(line, message), seq++));
        if (kept.size() > MAX_LISTED) {
            kept.poll();
        }
    }

    int total() {
        return total;
    }

    boolean isEmpty() {
        return total == 0;
    }

    /** The kept problems, by line. */
    List<Problem> listed() {
        List<Entry> entries = new ArrayList<>(kept);
        entries.sort(ORDER);
        return entries.stream().map(Entry::problem).toList();
    }

    int unlisted() {
        return total - kept.size();
    }
}
