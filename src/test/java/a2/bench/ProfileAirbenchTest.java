package a2.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.Test;

class ProfileAirbenchTest {
    /** The airbench network's layers, in order: whitening, 3 blocks of 7, global max pool, logit scale, output. */
    static final List<String> LAYERS = List.of("white",
            "s1c1", "s1pool", "s1c1bn", "s1c1gelu", "s1c2", "s1c2bn", "s1c2gelu",
            "s2c1", "s2pool", "s2c1bn", "s2c1gelu", "s2c2", "s2c2bn", "s2c2gelu",
            "s3c1", "s3pool", "s3c1bn", "s3c1gelu", "s3c2", "s3c2bn", "s3c2gelu",
            "gap", "scale", "out");

    @Test
    void aTinyAirbenchProfileTimesEveryLayer() {
        Profile.Result p = Profile.runAirbench(Net.AIRBENCH, Profile.airbenchData(32, 4), 4, 1, 1, 1, CNN2DFormat.NCHW);
        assertEquals(Net.AIRBENCH, p.net());
        assertEquals(LAYERS, p.layers().stream().map(Profile.LayerTime::name).toList());
        assertTrue(p.layers().stream().allMatch(l -> l.forwardMs() > 0 && l.backwardMs() > 0), p.layers().toString());
        assertTrue(p.fitMs() > 0 && p.gradientMs() > 0 && p.outputMs() > 0 && p.pipelineMs() > 0);
        // Every convolution has its analytic count: the whitening's 2x2 and the six 3x3.
        assertEquals(7, p.layers().stream().filter(l -> l.convForwardFlops() > 0).count());
        String text = Profile.format(p);
        assertTrue(text.contains("network airbench") && text.contains("by layer kind"), text);
        assertTrue(p.layers().stream().anyMatch(l -> l.kind().startsWith("ActivationLayer") && l.name().endsWith("gelu")));
    }

    @Test
    void nhwcIsRefusedForAirbench() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Profile.runAirbench(Net.AIRBENCH, Profile.airbenchData(32, 4), 4, 1, 0, 1, CNN2DFormat.NHWC));
        assertTrue(e.getMessage().contains("NCHW"), e.getMessage());
    }
}
