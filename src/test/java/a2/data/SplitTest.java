package a2.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.InvalidInputException;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The stratified validation split: the assignment's 4,000/1,000, deterministic, and refused when impossible. */
class SplitTest {
    /** 5,000 labels, 500 per class, in a shuffled order (as read from a real folder they come sorted). */
    static int[] assignmentLabels() {
        int[] labels = IntStream.range(0, 5000).map(i -> i % 10).toArray();
        Split.shuffle(labels, new SplittableRandom(99));
        return labels;
    }

    @Test
    void holdsOutAHundredPerClassDisjointAndCoveringAll() {
        int[] labels = assignmentLabels();
        Split s = Split.stratified(labels, 10, 100, 2016);

        assertEquals(4000, s.train().length);
        assertEquals(1000, s.validation().length);
        assertTrue(isStrictlyAscending(s.train()) && isStrictlyAscending(s.validation()));
        int[] all = IntStream.concat(IntStream.of(s.train()), IntStream.of(s.validation())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 5000).toArray(), all, "disjoint and covering every labeled image");
        int[] perClassVal = new int[10], perClassTrain = new int[10];
        for (int i : s.validation()) {
            perClassVal[labels[i]]++;
        }
        for (int i : s.train()) {
            perClassTrain[labels[i]]++;
        }
        int[] hundred = new int[10], fourHundred = new int[10];
        Arrays.fill(hundred, 100);
        Arrays.fill(fourHundred, 400);
        assertArrayEquals(hundred, perClassVal);
        assertArrayEquals(fourHundred, perClassTrain);
    }

    @Test
    void isStratifiedEvenWhenClassesAreUnbalanced() {
        int[] labels = IntStream.range(0, 600).map(i -> i < 150 ? 0 : i < 450 ? 1 : 2).toArray();
        Split s = Split.stratified(labels, 3, 40, 1);
        int[] perClass = new int[3];
        for (int i : s.validation()) {
            perClass[labels[i]]++;
        }
        assertArrayEquals(new int[] {40, 40, 40}, perClass);
        assertEquals(600 - 120, s.train().length);
    }

    @Test
    void theSameSeedGivesTheSameSplitAndFingerprintAnotherSeedDoesNot() {
        int[] labels = assignmentLabels();
        Split a = Split.stratified(labels, 10, 100, 2016);
        Split b = Split.stratified(labels.clone(), 10, 100, 2016);
        Split c = Split.stratified(labels, 10, 100, 2017);

        assertArrayEquals(a.validation(), b.validation());
        assertArrayEquals(a.train(), b.train());
        assertEquals(a.fingerprint(), b.fingerprint());
        assertEquals(16, a.fingerprint().length());
        assertFalse(Arrays.equals(a.validation(), c.validation()));
        assertNotEquals(a.fingerprint(), c.fingerprint());
        assertEquals(2016, a.seed());
        assertEquals(100, a.validationPerClass());
    }

    @Test
    void dependsOnTheLabelsNotOnTheCallerArray() {
        int[] labels = assignmentLabels();
        int[] copy = labels.clone();
        Split.stratified(labels, 10, 100, 5);
        assertArrayEquals(copy, labels, "the labels are not reordered");
    }

    @Test
    void refusesAClassTooSmallToHoldOutAndStillTrainOn() {
        int[] labels = IntStream.range(0, 300).map(i -> i < 100 ? 0 : 1).toArray(); // class 0: exactly 100
        var e = assertThrows(InvalidInputException.class, () -> Split.stratified(labels, 2, 100, 1));
        assertTrue(e.getMessage().contains("class 0") && e.getMessage().contains("100"), e.getMessage());

        int[] noClass2 = IntStream.range(0, 300).map(i -> i % 2).toArray();
        var empty = assertThrows(InvalidInputException.class, () -> Split.stratified(noClass2, 3, 10, 1));
        assertTrue(empty.getMessage().contains("class 2 has 0 images"), empty.getMessage());
    }

    static boolean isStrictlyAscending(int[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i] <= a[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
