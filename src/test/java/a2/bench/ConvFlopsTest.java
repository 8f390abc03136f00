package a2.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import a2.recipe.Recipe;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvFlopsTest {
    static final Recipe.Model RECIPE_MODEL = Recipe.load("cifar10-a2-supervised").model();

    @Test
    void countsEachConvolutionOfTheRecipeNetworkAt32() {
        List<ConvFlops.Conv> convs = ConvFlops.convolutions(RECIPE_MODEL, 32);
        // 2 * H * W * Cin * Cout * 9, worked by hand for widths [32, 64, 128], 2 convs per stage, pools 32 -> 16 -> 8.
        assertEquals(List.of(
                new ConvFlops.Conv("s1c1", 32, 32, 3, 32), new ConvFlops.Conv("s1c2", 32, 32, 32, 32),
                new ConvFlops.Conv("s2c1", 16, 16, 32, 64), new ConvFlops.Conv("s2c2", 16, 16, 64, 64),
                new ConvFlops.Conv("s3c1", 8, 8, 64, 128), new ConvFlops.Conv("s3c2", 8, 8, 128, 128)), convs);
        assertEquals(1_769_472L, convs.get(0).forwardFlops());
        assertEquals(18_874_368L, convs.get(1).forwardFlops());
        assertEquals(9_437_184L, convs.get(2).forwardFlops());
        assertEquals(77_266_944L, ConvFlops.forwardPerImage(RECIPE_MODEL, 32));
        assertEquals(3 * 77_266_944L, ConvFlops.perImage(RECIPE_MODEL, 32, Mode.TRAIN));
        assertEquals(77_266_944L, ConvFlops.perImage(RECIPE_MODEL, 32, Mode.INFER));
    }

    @Test
    void threeTimesTheSideIsNineTimesTheWork() {
        assertEquals(9 * 77_266_944L, ConvFlops.forwardPerImage(RECIPE_MODEL, 96));
        assertEquals(96 / 4, ConvFlops.convolutions(RECIPE_MODEL, 96).get(5).height());
    }

    @Test
    void oddSidesPoolUpLikeDl4jSameMode() {
        List<ConvFlops.Conv> convs = ConvFlops.convolutions(RECIPE_MODEL, 33);
        assertEquals(List.of(33, 33, 17, 17, 9, 9), convs.stream().map(ConvFlops.Conv::height).toList());
    }

    @Test
    void gflopsAtAThroughput() {
        // 100 training images/s at 32: 100 * 3 * 77,266,944 FLOP = 23.18 GFLOP/s.
        assertEquals(23.1800832, ConvFlops.gflopsPerSecond(RECIPE_MODEL, 32, Mode.TRAIN, 100), 1e-9);
        assertEquals(0.77266944, ConvFlops.gflopsPerSecond(RECIPE_MODEL, 32, Mode.INFER, 10), 1e-12);
    }

    static final Recipe.Model AIRBENCH_MODEL = Recipe.load("cifar10-a2-airbench-teacher").model();

    @Test
    void countsEachConvolutionOfTheAirbenchNetworkAt32() {
        List<ConvFlops.Conv> convs = ConvFlops.convolutions(AIRBENCH_MODEL, 32);
        // The 2x2 whitening, 3 -> 24 channels, no padding: 32 - 2 + 1 = 31. Blocks of the recipe's widths [32, 128,
        // 128]: a 3x3 "same" conv at the block's input side, a 2x2 max pool rounding down (31 -> 15 -> 7 -> 3), a 3x3
        // conv on the pooled map.
        assertEquals(List.of(
                new ConvFlops.Conv("white", 31, 31, 3, 24, 2),
                new ConvFlops.Conv("s1c1", 31, 31, 24, 32), new ConvFlops.Conv("s1c2", 15, 15, 32, 32),
                new ConvFlops.Conv("s2c1", 15, 15, 32, 128), new ConvFlops.Conv("s2c2", 7, 7, 128, 128),
                new ConvFlops.Conv("s3c1", 7, 7, 128, 128), new ConvFlops.Conv("s3c2", 3, 3, 128, 128)), convs);
        // 2 * H * W * Cin * Cout * k * k, by hand:
        //   white 2 * 31 * 31 * 3 * 24 * 2 * 2   =    553,536
        //   s1c1  2 * 31 * 31 * 24 * 32 * 9      = 13,284,864
        //   s1c2  2 * 15 * 15 * 32 * 32 * 9      =  4,147,200
        //   s2c1  2 * 15 * 15 * 32 * 128 * 9     = 16,588,800
        //   s2c2  2 * 7 * 7 * 128 * 128 * 9      = 14,450,688
        //   s3c1  2 * 7 * 7 * 128 * 128 * 9      = 14,450,688
        //   s3c2  2 * 3 * 3 * 128 * 128 * 9      =  2,654,208
        //   sum                                   = 66,129,984
        assertEquals(553_536L, convs.get(0).forwardFlops());
        assertEquals(13_284_864L, convs.get(1).forwardFlops());
        assertEquals(2_654_208L, convs.get(6).forwardFlops());
        assertEquals(66_129_984L, ConvFlops.forwardPerImage(AIRBENCH_MODEL, 32));
        assertEquals(3 * 66_129_984L, ConvFlops.perImage(AIRBENCH_MODEL, 32, Mode.TRAIN));
        // 100 training images/s: 100 * 3 * 66,129,984 FLOP = 19.84 GFLOP/s.
        assertEquals(19.8389952, ConvFlops.gflopsPerSecond(AIRBENCH_MODEL, 32, Mode.TRAIN, 100), 1e-9);
    }

    @Test
    void anAirbenchInputTooSmallForItsPoolsIsRefused() {
        // At 8: 7 after the whitening, pooled to 3, 1, then 0 by the third block.
        assertThrows(IllegalArgumentException.class, () -> ConvFlops.convolutions(AIRBENCH_MODEL, 8));
    }

    @Test
    void refusesANonPositiveSide() {
        assertThrows(IllegalArgumentException.class, () -> ConvFlops.convolutions(RECIPE_MODEL, 0));
    }
}
