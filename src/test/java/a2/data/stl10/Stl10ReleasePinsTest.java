package a2.data.stl10;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import a2.fetch.Expected;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Stl10ReleasePinsTest {
    @Test
    void officialPinsMatchTheRelease() {
        Stl10Pins pins = Stl10Pins.official();
        assertEquals("91f7769df0f17e558f3565bffb0c7dfb", pins.archive().hex());
        assertEquals(List.of("train_X.bin", "train_y.bin", "test_X.bin", "test_y.bin", "unlabeled_X.bin"),
                List.copyOf(pins.files().keySet()));
        assertEquals(138_240_000L, pins.files().get("train_X.bin").size().getAsLong());
        assertEquals(5_000L, pins.files().get("train_y.bin").size().getAsLong());
        assertEquals(221_184_000L, pins.files().get("test_X.bin").size().getAsLong());
        assertEquals(8_000L, pins.files().get("test_y.bin").size().getAsLong());
        assertEquals(2_764_800_000L, pins.files().get("unlabeled_X.bin").size().getAsLong());
        assertEquals("5242ba1fed5e4be9e1e742405eb56ca4", pins.files().get("unlabeled_X.bin").hex());
        assertEquals(Expected.MD5, pins.files().get("test_y.bin").algorithm());
    }

    @Test
    void pinsRefuseNamesWithFoldersAndMissingSizes() {
        Expected archive = Expected.md5("0".repeat(32));
        Expected sized = Expected.md5("1".repeat(32)).withSize(1);
        assertThrows(IllegalArgumentException.class, () -> new Stl10Pins(archive, Map.of("../x.bin", sized)));
        assertThrows(IllegalArgumentException.class, () -> new Stl10Pins(archive, Map.of("x.bin", Expected.md5("1".repeat(32)))));
        assertThrows(IllegalArgumentException.class, () -> new Stl10Pins(archive, Map.of()));
    }
}
