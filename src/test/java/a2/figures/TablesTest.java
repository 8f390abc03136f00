package a2.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import a2.recipe.SemiSupervised;
import a2.recipe.Teacher;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TablesTest {
    @Test
    void escapesLatexSpecials() {
        assertEquals("a\\_b \\& 50\\% \\#1 \\$x\\$ \\{\\} \\textasciitilde{}\\textasciicircum{}\\textbackslash{}",
                Latex.escape("a_b & 50% #1 $x$ {} ~^\\"));
    }

    @Test
    void formatsNumbersTheWayTheTextQuotesThem() {
        assertEquals("81.3\\%", Latex.percent(0.8134));
        assertEquals("$+2.1$", Latex.points(0.021));
        assertEquals("$-4.9$", Latex.points(-0.049));
        assertEquals("45{,}000", Latex.integer(45000));
        assertEquals("0.0005", Latex.plain(5e-4));
        assertEquals("10", Latex.plain(10.0));
        assertEquals("0.0215", Latex.pValue(0.021484375));
        assertEquals("0.00258", Latex.pValue(0.0025768));
        assertEquals("$2.58\\times 10^{-5}$", Latex.pValue(0.000025768));
        assertEquals("1.00", Latex.pValue(1.0));
        assertEquals("3\\,h\\,07\\,min", Latex.duration(3 * 3600 + 7 * 60 + 10));
        assertEquals("42\\,min", Latex.duration(42 * 60));
    }

    @Test
    void macrosAreLettersOnlyAndUnique() {
        Latex.Macros m = new Latex.Macros().put("SupValAcc", "81.3\\%").put("Gain", "$+2.1$");
        assertEquals("% hdr\n\\newcommand{\\SupValAcc}{81.3\\%}\n\\newcommand{\\Gain}{$+2.1$}\n", m.render("hdr"));
        assertThrows(IllegalArgumentException.class, () -> m.put("Gain", "1"));
        assertThrows(IllegalArgumentException.class, () -> m.put("Layer2", "1"));
        assertThrows(IllegalArgumentException.class, () -> m.put("Val_Acc", "1"));
    }

    @Test
    void resultsTableHoldsEveryRunsNumbers() {
        String tex = Tables.results(List.of(
                new Tables.RunSummary("cifar10-a2-supervised", "supervised", 0.8123, 141, 0.8101, 150, 3 * 3600 + 60, 211.4, 1000),
                new Tables.RunSummary("cifar10-a2-semisupervised", "semi-supervised", 0.8456, 148, 0.8449, 150, 4 * 3600, 198.6, 1000)));
        assertWellFormedTabular(tex, 7);
        assertTrue(tex.contains("supervised & 81.2\\% & 78.7--83.5\\% & 141 / 150 & 81.0\\% & 3\\,h\\,01\\,min & 211 \\\\"), tex);
        assertTrue(tex.contains("semi-supervised & 84.6\\% & 82.2--86.7\\% & 148 / 150 & 84.5\\% & 4\\,h\\,00\\,min & 199 \\\\"), tex);
    }

    @Test
    void stepMatchedTableGivesEachPairsGainAndTest() {
        // b = 60, c = 85 are the 300-epoch pair's counts; the exact two-sided p for them is 0.0459 (scipy.stats.binomtest(60, 145)).
        McNemar mc = new McNemar(723, 60, 85, 132, McNemar.exactPValue(60, 85));
        String tex = Tables.stepMatched(List.of(new Tables.PairRow("fm-e300", "sup-e300", 18600, 1008, 0.808, 0.783,
                0.794, 0.768, mc)));
        assertWellFormedTabular(tex, 11);
        assertTrue(tex.contains("\\texttt{fm-e300} & \\texttt{sup-e300} & 18{,}600 & 1008 & 80.8\\% & 78.3\\% & $+2.5$ & "
                + "$+2.6$ & 60 & 85 & 0.0459 \\\\"), tex);
    }

    @Test
    void wilsonIntervalMatchesAKnownValue() {
        // p = 0.7 on n = 1000: 0.67088..0.72759 (Wilson 1927; the same as statsmodels proportion_confint(700, 1000, method="wilson")).
        double[] ci = Tables.wilson95(0.7, 1000);
        org.junit.jupiter.api.Assertions.assertEquals(0.67088, ci[0], 1e-5);
        org.junit.jupiter.api.Assertions.assertEquals(0.72759, ci[1], 1e-5);
    }

    @Test
    void tsneTableMarksLayersWithoutAMap() {
        String tex = Tables.tsne(List.of(new Tables.LayerScore("pixels", "input", 3072, Double.NaN, 0.25),
                new Tables.LayerScore("gap", "pooled", 128, 0.71, 0.74)), 10);
        assertWellFormedTabular(tex, 5);
        assertTrue(tex.contains("\\texttt{pixels} & input & 3{,}072 & --- & 25.0\\% \\\\"), tex);
        assertTrue(tex.contains("\\texttt{gap} & pooled & 128 & 71.0\\% & 74.0\\% \\\\"), tex);
        assertTrue(tex.contains("10-NN, map") && tex.contains("10-NN, features"), tex);
    }

    @Test
    void architectureTableSumsParameters() {
        String tex = Tables.architecture(List.of(new Tables.ArchitectureRow("s1c1", "conv", "$4$", 120),
                new Tables.ArchitectureRow("gap", "pool", "$4$", 0), new Tables.ArchitectureRow("out", "softmax", "$3$", 15)));
        assertWellFormedTabular(tex, 4);
        assertTrue(tex.contains("Total & & & 135 \\\\"), tex);
        assertTrue(tex.contains("\\texttt{gap} & pool & $4$ & --- \\\\"), tex);
    }

    @Test
    void recipesTableReadsTheRecipes() {
        var sup = Fixtures.recipe("base", List.of(8, 16), 2, false, 150, 62, 64);
        var semi = Fixtures.recipe("semi", List.of(8, 16), 2, true, 150, 62, 64);
        String tex = Tables.recipes(sup, "supervised", semi, "semi-supervised");
        assertWellFormedTabular(tex, 3);
        assertTrue(tex.contains("epochs $\\times$ steps & 150 $\\times$ 62 = 9{,}300 & 150 $\\times$ 62 = 9{,}300 \\\\"), tex);
        assertTrue(tex.contains("unlabeled data & unused & fixmatch \\\\"), tex);
        assertTrue(tex.contains("unlabeled images per step & --- & 8 drawn, on top \\\\"), tex);
        assertTrue(tex.contains("strong view: rotation, jitter, cutout & --- & $\\pm30^\\circ$, $\\pm50\\%$, 8 px \\\\"), tex);
        assertTrue(tex.contains("pseudo-labels kept & --- & confidence $\\ge 0.2$ \\\\"), tex);
        assertTrue(tex.contains("pseudo-labels made & --- & every step \\\\"), tex);
        assertTrue(tex.contains("weight decay ($L_2$) & 0.0005 & 0.0005"), tex);
        var fm = semi.semi();
        var student = new a2.recipe.Recipe("student", 1, "", semi.data(), semi.augment(), semi.model(), semi.optimizer(),
                a2.recipe.SemiSupervised.noisyStudent(0, 48, fm.strongAugment(),
                        a2.recipe.Teacher.single("base", "0".repeat(64), 2500)), semi.budget(), semi.seed());
        var flex = new a2.recipe.Recipe("flex", 1, "", semi.data(), semi.augment(), semi.model(), semi.optimizer(),
                new a2.recipe.SemiSupervised(a2.recipe.SemiSupervised.FLEXMATCH, fm.startEpoch(), 0, 0.95, 0,
                        fm.unlabeledBatch(), fm.strongAugment(), null, null), semi.budget(), semi.seed());
        String fx = Tables.recipes(sup, "supervised", flex, "semi-supervised");
        assertWellFormedTabular(fx, 3);
        assertTrue(fx.contains("pseudo-labels kept & --- & confidence $\\ge 0.95\\,\\beta_c / (2 - \\beta_c)$ (per class) \\\\"), fx);
        assertTrue(fx.contains("pseudo-labels made & --- & every step \\\\"), fx);
        String ns = Tables.recipes(sup, "supervised", student, "semi-supervised");
        assertWellFormedTabular(ns, 3);
        assertTrue(ns.contains("pseudo-labels kept & --- & teacher's top 2{,}500 per class \\\\"), ns);
        assertTrue(ns.contains("pseudo-labels made & --- & once, by base \\\\"), ns);
        assertTrue(ns.contains("unlabeled images per step & --- & 48 drawn, on top \\\\"), ns);
    }

    /** Balanced braces, one tabular, booktabs rules, and every row with as many cells as the column spec. */
    static void assertWellFormedTabular(String tex, int columns) {
        int depth = 0;
        for (int i = 0; i < tex.length(); i++) {
            char c = tex.charAt(i);
            if (c == '\\') {
                i++; // an escaped character (\{, \%, \\) is not structure
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                assertTrue(depth >= 0, "unbalanced } in\n" + tex);
            }
        }
        assertEquals(0, depth, "unbalanced braces in\n" + tex);
        Matcher spec = Pattern.compile("\\\\begin\\{tabular\\}\\{([lrc]+)\\}").matcher(tex);
        assertTrue(spec.find(), tex);
        assertEquals(columns, spec.group(1).length());
        assertTrue(tex.contains("\\toprule") && tex.contains("\\midrule") && tex.contains("\\bottomrule") && tex.contains("\\end{tabular}"));
        for (String line : tex.split("\n")) {
            if (line.endsWith("\\\\")) {
                int cells = line.replace("\\&", "").split("&", -1).length;
                assertEquals(columns, cells, "cells in: " + line);
            }
        }
    }
}
