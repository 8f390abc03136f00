package a2.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomStreamTest {
    @Test
    void everyStreamHasItsOwnNumber() {
        long distinct = Arrays.stream(RandomStream.values()).mapToLong(s -> s.id).distinct().count();
        assertEquals(RandomStream.values().length, distinct, Arrays.toString(RandomStream.values()));
    }

    @Test
    void aStreamDerivesTheSeedItsNumberDoesAndNoOtherStreamDoes() {
        for (RandomStream s : RandomStream.values()) {
            assertEquals(Seeds.derive(42, s.id, 3, 7), Seeds.derive(42, s, 3, 7), s.name());
            for (RandomStream t : RandomStream.values()) {
                if (t != s) {
                    assertNotEquals(Seeds.derive(42, s, 3, 7), Seeds.derive(42, t, 3, 7), s + " vs " + t);
                }
            }
        }
        assertEquals(Seeds.derive(42, RandomStream.FIGURE_TSNE.id), Seeds.derive(42, RandomStream.FIGURE_TSNE));
    }
}
