package a2.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import a2.io.InvalidInputException;
import a2.recipe.Recipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryTest {
    static final Recipe.Model MODEL = Recipe.load("cifar10-a2-supervised").model();
    /** A line exactly as bench/torch_block.py prints it (json.dumps: spaces after separators). */
    static final String TORCH_LINE = "{\"framework\": \"pytorch\", \"variant\": \"default\", \"size\": 32, \"mode\": \"train\", "
            + "\"batch\": 64, \"threads\": 1, \"rep\": 0, \"warmupSteps\": 1, \"steps\": 2, \"seconds\": 0.67, "
            + "\"imagesPerSecond\": 190.29, \"stepMsMedian\": 336.3, \"gcSeconds\": 0.0, \"build\": \"torch 1.13.0a0 mkldnn=on\"}";

    static Block block(String fw, String variant, int rep, double ips) {
        return new Block(fw, variant, 32, "train", 64, 2, rep, 3, 10, 640 / ips, ips, 1000 * 64 / ips, 0.1, "");
    }

    @Test
    void readsPythonLinesAndSkipsLogLines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("results.jsonl");
        Files.writeString(f, "rep 1/5 size 32 train\n" + TORCH_LINE + "\n\n"
                + Throughput.JSON.writeValueAsString(block("dl4j", "helpers", 0, 95.0)) + "\n");
        List<Block> blocks = Summary.read(f);
        assertEquals(2, blocks.size());
        assertEquals(new Block.Key("pytorch", "default", 32, "train", 64, 1), blocks.get(0).key());
        assertEquals(190.29, blocks.get(0).imagesPerSecond());
        assertEquals(95.0, blocks.get(1).imagesPerSecond());
    }

    @Test
    void aBrokenLineNamesItsLineNumber(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("results.jsonl");
        Files.writeString(f, TORCH_LINE + "\n{\"framework\": \"dl4j\", \"size\": \n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Summary.read(f));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void aBlockWithAnUnknownModeIsRefused(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("results.jsonl");
        Files.writeString(f, TORCH_LINE.replace("\"train\"", "\"eval\"") + "\n");
        assertThrows(InvalidInputException.class, () -> Summary.read(f));
    }

    @Test
    void mediansPerConfigurationAndRatiosOfMediansAndOfPairs() {
        List<Block> blocks = new ArrayList<>();
        double[] dl4j = {100, 90, 110, 400}; // one outlier: the median ignores it
        double[] torch = {200, 200, 180, 220};
        for (int r = 0; r < 4; r++) {
            blocks.add(block("dl4j", "helpers", r, dl4j[r]));
            blocks.add(block("pytorch", "default", r, torch[r]));
        }
        Peak peak = new Peak(2.5, 32, "test", "test");
        List<Summary.Line> lines = Summary.lines(blocks, MODEL, Optional.of(peak));
        assertEquals(2, lines.size());
        Summary.Line d = lines.get(0);
        assertEquals("dl4j", d.key().framework());
        assertEquals(4, d.reps());
        assertEquals(105.0, d.median());
        assertEquals(90.0, d.min());
        assertEquals(400.0, d.max());
        // 105 img/s x 3 x 77,266,944 FLOP = 24.339 GFLOP/s, of 2 threads x 2.5 GHz x 32 = 160 GFLOP/s.
        assertEquals(24.33908736, d.gflops(), 1e-9);
        assertEquals(24.33908736 / 160, d.peakFraction(), 1e-12);
        assertEquals(200.0, lines.get(1).median());

        List<Summary.Ratio> ratios = Summary.ratios(blocks);
        assertEquals(1, ratios.size());
        Summary.Ratio r = ratios.get(0);
        assertEquals("dl4j", r.numerator().framework());
        assertEquals("pytorch", r.denominator().framework());
        assertEquals(105.0 / 200.0, r.ofMedians(), 1e-12);
        // Per rep: 0.5, 0.45, 0.6111, 1.818 -> median (0.5 + 0.6111) / 2.
        assertEquals((0.5 + 110.0 / 180) / 2, r.medianOfPaired(), 1e-12);
        assertEquals(4, r.pairs());
    }

    @Test
    void channelsLastIsComparedWithTheProjectsLayout() {
        List<Summary.Ratio> ratios = Summary.ratios(List.of(block("dl4j", "helpers", 0, 100), block("dl4j", "helpers-nhwc", 0, 120)));
        assertEquals(1, ratios.size());
        assertEquals("helpers-nhwc", ratios.get(0).numerator().variant());
        assertEquals(1.2, ratios.get(0).ofMedians(), 1e-12);
    }

    @Test
    void helpersAreComparedWithNoHelpersOnlyInTheSameSetting() {
        List<Block> blocks = List.of(block("dl4j", "helpers", 0, 100), block("dl4j", "no-helpers", 0, 25),
                new Block("dl4j", "no-helpers", 96, "train", 64, 2, 0, 3, 5, 10, 32, 2000, 0, ""));
        List<Summary.Ratio> ratios = Summary.ratios(blocks);
        assertEquals(1, ratios.size());
        assertEquals(4.0, ratios.get(0).ofMedians());
        assertEquals("no-helpers", ratios.get(0).denominator().variant());
    }

    @Test
    void airbenchIsComparedWithBothPytorchLayouts() {
        Recipe.Model airbench = Net.AIRBENCH.recipe().model();
        List<Block> blocks = new ArrayList<>();
        double[] dl4j = {120, 100, 110}, nchw = {100, 100, 100}, channelsLast = {150, 160, 140};
        for (int r = 0; r < 3; r++) {
            blocks.add(new Block("dl4j", "helpers", 32, "train", 256, 1, r, 3, 5, 256 * 5 / dl4j[r], dl4j[r], 0, 0, ""));
            blocks.add(new Block("pytorch", "default", 32, "train", 256, 1, r, 3, 5, 256 * 5 / nchw[r], nchw[r], 0, 0, ""));
            blocks.add(new Block("pytorch", "channels-last", 32, "train", 256, 1, r, 3, 5, 256 * 5 / channelsLast[r],
                    channelsLast[r], 0, 0, ""));
        }
        List<Summary.Ratio> ratios = Summary.ratios(blocks);
        assertEquals(2, ratios.size());
        assertTrue(ratios.stream().allMatch(r -> r.numerator().framework().equals("dl4j")
                && r.denominator().framework().equals("pytorch")));
        String report = Summary.format(blocks, airbench, Optional.of(new Peak(2.6, 32, "AMD EPYC", "test")));
        // Medians 110, 100 and 150; per rep 1.2, 1.0, 1.1 against NCHW and 0.8, 0.625, 0.786 against channels_last.
        assertTrue(report.contains("ratio dl4j(helpers)/pytorch(default)  size 32 train batch 256, 1 thread(s): 1.100 "
                + "(median of 3 paired: 1.100)"), report);
        assertTrue(report.contains("ratio dl4j(helpers)/pytorch(channels-last)  size 32 train batch 256, 1 thread(s): "
                + "0.733 (median of 3 paired: 0.786)"), report);
        // 66.1 MFLOP of convolutions per image (ConvFlopsTest); 110 img/s x 3 x 66,129,984 = 21.8 GFLOP/s.
        assertTrue(report.contains("conv FLOPs per image at 32: 66.1 MFLOP forward, x3 = 198.4 MFLOP"), report);
        assertEquals(21.8228947, Summary.lines(blocks, airbench, Optional.empty()).get(0).gflops(), 1e-7);
        assertEquals("network: airbench (recipe cifar10-a2-airbench-teacher)\n", Summary.header(Net.AIRBENCH));
    }

    @Test
    void theReportShowsTheRatioAndHowThePeakWasObtained() {
        List<Block> blocks = List.of(block("dl4j", "helpers", 0, 100), block("pytorch", "default", 0, 250));
        String report = Summary.format(blocks, MODEL, Optional.of(new Peak(2.6, 32, "AMD EPYC", "/proc/cpuinfo 'cpu MHz'")));
        assertTrue(report.contains("ratio dl4j(helpers)/pytorch(default)  size 32 train batch 64, 2 thread(s): 0.400"), report);
        assertTrue(report.contains("77.3 MFLOP forward"), report);
        assertTrue(report.contains("2.600 GHz (/proc/cpuinfo 'cpu MHz') x 32 FLOP/cycle/core = 83.2 GFLOP/s per core"), report);
    }
}
