package a2.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LayerPathTest {
    @Test
    void a2Portable1ForcesThePortableLayersWithoutLoadingOneDnn() {
        AtomicInteger loads = new AtomicInteger();
        LayerPath.Decision d = LayerPath.decide("1", () -> {
            loads.incrementAndGet();
            return null;
        });
        assertFalse(d.oneDnn());
        assertEquals("portable layers", d.label());
        assertEquals("A2_PORTABLE=1", d.reason());
        assertEquals(0, loads.get(), "oneDNN's natives are not even loaded");
    }

    @Test
    void natives_that_do_not_load_give_the_portable_layers_and_say_why() {
        LayerPath.Decision d = LayerPath.decide(null,
                () -> new UnsatisfiedLinkError("no jnidnnl in java.library.path: /usr/lib:/lib"));
        assertFalse(d.oneDnn());
        assertEquals("oneDNN natives not loadable: UnsatisfiedLinkError: no jnidnnl in java.library.path", d.reason());
    }

    @Test
    void oneDnnLayersWhereTheyLoad() {
        assertTrue(LayerPath.decide(null, () -> null).oneDnn());
        assertTrue(LayerPath.decide("0", () -> null).oneDnn());
        assertEquals("oneDNN layers", LayerPath.decide("", () -> null).label());
    }

    @Test
    void anyOtherValueIsAnErrorNamingTheVariable() {
        var e = assertThrows(a2.io.InvalidInputException.class, () -> LayerPath.decide("yes", () -> null));
        assertTrue(e.getMessage().contains("A2_PORTABLE") && e.getMessage().contains("'yes'"), e.getMessage());
    }

    @Test
    void thisJvmLoadsOneDnnUnlessForcedPortable() {
        // On linux-x86_64 the jar carries the dnnl natives: only A2_PORTABLE=1 makes the layers portable.
        boolean forced = "1".equals(System.getenv(LayerPath.PORTABLE_ENV));
        assertEquals(!forced, LayerPath.active().oneDnn(), LayerPath.active().reason());
    }
}
