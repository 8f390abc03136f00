package a2.fetch;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.IntegrityException;
import org.junit.jupiter.api.Test;

class ExpectedTest {
    private static final String MD5 = "91f7769df0f17e558f3565bffb0c7dfb";

    @Test
    void normalisesAlgorithmAndHex() {
        Expected e = new Expected("sha256", "AB".repeat(32), java.util.OptionalLong.empty());
        assertEquals(Expected.SHA_256, e.algorithm());
        assertEquals("ab".repeat(32), e.hex());
    }

    @Test
    void refusesMalformedPins() {
        assertThrows(IllegalArgumentException.class, () -> Expected.md5(MD5 + "0"));
        assertThrows(IllegalArgumentException.class, () -> Expected.sha256(MD5));
        assertThrows(IllegalArgumentException.class, () -> Expected.md5("zz" + MD5.substring(2)));
        assertThrows(IllegalArgumentException.class, () -> new Expected("SHA-1", MD5, java.util.OptionalLong.empty()));
        assertThrows(IllegalArgumentException.class, () -> Expected.md5(MD5).withSize(-1));
    }

    @Test
    void verifyNamesSizeThenDigest() {
        Expected e = Expected.md5(MD5).withSize(10);
        IntegrityException size = assertThrows(IntegrityException.class, () -> e.verify("x.bin", 9, MD5));
        assertEquals("x.bin: expected 10 bytes, actual 9 bytes", size.getMessage());
        String other = "0".repeat(32);
        IntegrityException digest = assertThrows(IntegrityException.class, () -> e.verify("x.bin", 10, other));
        assertEquals("x.bin: MD5 expected " + MD5 + ", actual " + other, digest.getMessage());
        assertDoesNotThrow(() -> e.verify("x.bin", 10, MD5.toUpperCase()));
        assertTrue(Expected.md5(MD5).admitsSize(123));
    }
}
