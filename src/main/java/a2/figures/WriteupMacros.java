package a2.figures;

import static a2.figures.Runs.best;
import static a2.figures.Runs.budgetFactor;
import static a2.figures.Runs.mu;
import static a2.figures.Runs.pseudoLabelRun;

import a2.data.Dataset;
import a2.data.Split;
import a2.figures.Figures.Inputs;
import a2.figures.Figures.Settings;
import a2.figures.Runs.StepMatched;
import a2.model.Preprocessing;
import a2.recipe.Recipe;
import a2.recipe.SemiSupervised;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** The numbers the writeup quotes ({@code generated/macros.tex}), gathered by topic. */
final class WriteupMacros {
    private WriteupMacros() {}

    /**
     * The numbers the writeup quotes, by topic: the data and the pinned recipe, the supervised compute control, the
     * semi-supervised run with a longer budget against a supervised one of the same steps, the spread between seeds of one
     * recipe, the students of teachers, the headline comparison, FixMatch, the representations (t-SNE, k-NN), the STL-10 sample
     * and the provenance. A topic whose run is absent leaves its macros out (the writeup's build then fails loudly
     * on the first one it needs).
     */
    static Latex.Macros macros(Inputs in, Split split, List<StepMatched> pairs, Tables.RunSummary base,
                                       Tables.RunSummary pinned, McNemar mc,
                                       List<Tables.LayerScore> scores, Settings settings, double perplexity, int tsnePoints,
                                       TsneImageMap.Drawn imageMap, MultiLayerNetwork net, Optional<Integer> stlSide) {
        Latex.Macros m = new Latex.Macros();
        dataAndRecipe(m, in, split, settings, net);
        ExperimentMacros.supervisedControl(m, in);
        ExperimentMacros.stepMatched(m, in, pairs);
        ExperimentMacros.pinnedPair(m, in, pairs, split.validation().length);
        ExperimentMacros.seedSpread(m, in);
        ExperimentMacros.students(m, in, split);
        comparison(m, base, pinned, mc);
        fixMatch(m, in);
        representations(m, scores, settings, perplexity, tsnePoints, imageMap);
        stl10Sample(m, in, stlSide);
        provenance(m, in);
        return m;
    }

    private static void dataAndRecipe(Latex.Macros m, Inputs in, Split split, Settings settings, MultiLayerNetwork net) {
        Dataset data = in.data();
        Recipe r = in.pinned().card().recipe();
        Preprocessing pre = in.pinned().card().preprocessing();
        Recipe.Budget budget = in.baseline().card().recipe().budget();
        m.put("DatasetName", Latex.code(data.name()))
                .put("ClassCount", String.valueOf(data.numClasses()))
                .put("LabeledCount", Latex.integer(data.train().count()))
                .put("TrainCount", Latex.integer(split.train().length))
                .put("ValCount", Latex.integer(split.validation().length))
                .put("ValPerClass", Latex.integer(split.validationPerClass()))
                .put("UnlabeledCount", Latex.integer(data.unlabeled().count()))
                .put("TestCount", Latex.integer(data.test().count()))
                .put("ImageSide", String.valueOf(data.height()))
                .put("SplitSeed", String.valueOf(split.seed()))
                .put("SplitFingerprint", Latex.code(split.fingerprint()))
                .put("InputSize", String.valueOf(r.data().inputSize()))
                .put("PreMean", triple(pre.mean()))
                .put("PreStd", triple(pre.std()))
                .put("AugTranslate", String.valueOf(r.augment().translate()))
                .put("AugScale", Latex.plain(r.augment().scale() * 100) + "\\%")
                .put("AugRotate", Latex.plain(r.augment().rotateDegrees()))
                .put("AugJitter", Latex.plain(r.augment().colorJitter() * 100) + "\\%")
                .put("AugCutout", String.valueOf(r.augment().cutout()))
                .put("AugVersions", String.valueOf(settings.augmentVersions()))
                .put("Widths", r.model().widths().toString().replaceAll("[\\[\\]]", ""))
                .put("StageCount", String.valueOf(r.model().widths().size()))
                .put("ConvsPerStage", String.valueOf(r.model().convsPerStage()))
                .put("Dropout", Latex.plain(r.model().dropout()))
                .put("ParamCount", Latex.integer(ArchitectureTable.architecture(net, r.data().inputSize()).stream()
                        .mapToLong(Tables.ArchitectureRow::parameters).sum()))
                .put("LearningRate", Latex.plain(r.optimizer().learningRate()))
                .put("Momentum", Latex.plain(r.optimizer().momentum()))
                .put("WeightDecay", Latex.plain(r.optimizer().weightDecay()))
                .put("BatchSize", String.valueOf(r.optimizer().batchSize()))
                .put("WarmupEpochs", String.valueOf(r.optimizer().warmupEpochs()))
                // The budget is the baseline's, the one every method is compared at (the pinned run may have a longer one).
                .put("Epochs", String.valueOf(budget.epochs()))
                .put("StepsPerEpoch", String.valueOf(budget.stepsPerEpoch()))
                .put("TotalSteps", Latex.integer((long) budget.epochs() * budget.stepsPerEpoch()))
                .put("TotalImages", Latex.integer((long) budget.epochs() * budget.stepsPerEpoch() * r.optimizer().batchSize()))
                .put("Seed", String.valueOf(r.seed()));
        Recipe.Augment strong = r.semi().strongAugment() != null ? r.semi().strongAugment()
                : new Recipe.Augment(false, 0, 0, 0, 0, 0);
        m.put("StrongTranslate", String.valueOf(strong.translate()))
                .put("StrongScale", Latex.plain(strong.scale() * 100) + "\\%")
                .put("StrongRotate", Latex.plain(strong.rotateDegrees()))
                .put("StrongJitter", Latex.plain(strong.colorJitter() * 100) + "\\%")
                .put("StrongCutout", String.valueOf(strong.cutout()));
    }

    /** The headline: the pinned semi-supervised model against the supervised baseline, paired on validation. */
    private static void comparison(Latex.Macros m, Tables.RunSummary base, Tables.RunSummary pinned, McNemar mc) {
        m.put("SupValAcc", Latex.percent(base.modelValAcc()))
                .put("SemiValAcc", Latex.percent(pinned.modelValAcc()))
                .put("Gain", Latex.points(pinned.modelValAcc() - base.modelValAcc()))
                .put("GainAbs", Latex.fixed(100 * Math.abs(pinned.modelValAcc() - base.modelValAcc()), 1))
                .put("SupBestEpoch", String.valueOf(base.bestEpoch()))
                .put("SemiBestEpoch", String.valueOf(pinned.bestEpoch()))
                .put("SupFinalValAcc", Latex.percent(base.finalValAcc()))
                .put("SemiFinalValAcc", Latex.percent(pinned.finalValAcc()))
                .put("SupTrainTime", Latex.duration(base.trainSeconds()))
                .put("SemiTrainTime", Latex.duration(pinned.trainSeconds()))
                .put("SupImagesPerSecond", Latex.fixed(base.imagesPerSecond(), 0))
                .put("SemiImagesPerSecond", Latex.fixed(pinned.imagesPerSecond(), 0))
                .put("McNemarBothRight", String.valueOf(mc.bothRight()))
                .put("McNemarOnlySup", String.valueOf(mc.onlyA()))
                .put("McNemarOnlySemi", String.valueOf(mc.onlyB()))
                .put("McNemarBothWrong", String.valueOf(mc.bothWrong()))
                .put("McNemarP", Latex.pValue(mc.pValue()))
                .put("McNemarVerdict", mc.pValue() < Runs.SIGNIFICANCE ? "significant" : "not significant")
                .put("SemiVersusSup", pinned.modelValAcc() > base.modelValAcc() ? "higher than"
                        : pinned.modelValAcc() < base.modelValAcc() ? "lower than" : "equal to")
                .put("Significance", Latex.plain(Runs.SIGNIFICANCE * 100) + "\\%");
    }

    private static void fixMatch(Latex.Macros m, Inputs in) {
        Dataset data = in.data();
        best(in, SemiSupervised::fixMatch).ifPresent(f -> {
            Recipe fr = f.card().recipe();
            m.put("FixMatchRecipe", Latex.code(fr.name()))
                    .put("FixMatchThreshold", Latex.plain(fr.semi().threshold()))
                    .put("FixMatchStartEpoch", String.valueOf(fr.semi().startEpoch()))
                    .put("FixMatchUnlabeledBatch", String.valueOf(fr.semi().unlabeledBatch()))
                    // mu: unlabeled images drawn per labeled one; lambda_u: the kept views' weight, when the recipe
                    // uses FixMatch's loss exactly (else "---": one mean over the batch's rows).
                    .put("FixMatchMu", Latex.plain(mu(fr)))
                    .put("FixMatchLambda", fr.semi().weightsRows() ? Latex.plain(fr.semi().unlabeledWeight()) : "---")
                    // How many times FixMatch draws each unlabeled image over the run (kept or not).
                    .put("FixMatchPasses", Latex.fixed((double) (fr.budget().epochs() - fr.semi().startEpoch())
                            * fr.budget().stepsPerEpoch() * fr.semi().unlabeledBatch() / data.unlabeled().count(), 1))
                    .put("FixMatchValAcc", Latex.percent(f.card().validationAccuracy()));
        });
        pseudoLabelRun(in).ifPresent(f -> {
            TrainingLog.Epoch last = f.log().last();
            m.put("PseudoFigureRecipe", Latex.code(f.card().recipe().name()))
                    .put("PseudoFigureFinalMaskRate", finitePercent(last.maskRate()))
                    .put("PseudoFigureFinalPseudoAcc", finitePercent(last.pseudoAccVal()))
                    .put("PseudoFigureFinalPseudoRate", finitePercent(last.pseudoRateVal()));
        });
    }

    private static void representations(Latex.Macros m, List<Tables.LayerScore> scores, Settings settings,
                                        double perplexity, int tsnePoints, TsneImageMap.Drawn imageMap) {
        Tables.LayerScore first = scores.stream().filter(Tables.LayerScore::hasMap).findFirst().orElseThrow();
        Tables.LayerScore bestMap = scores.stream().filter(Tables.LayerScore::hasMap)
                .reduce((a, b) -> b.knnMap() > a.knnMap() ? b : a).orElseThrow();
        Tables.LayerScore bestFeatures = bestFeatures(scores);
        Tables.LayerScore pixels = scores.get(0);
        m.put("TsnePoints", Latex.integer(tsnePoints))
                .put("TsnePerplexity", Latex.plain(perplexity))
                .put("TsneIterations", Latex.integer(settings.tsne().iterations()))
                .put("TsneTheta", Latex.plain(settings.tsne().theta()))
                .put("TsnePcaDims", String.valueOf(settings.tsne().pcaDims()))
                .put("KnnK", String.valueOf(settings.knnK()))
                .put("TsneLayerCount", String.valueOf(scores.size() - 1))
                .put("KnnPixels", Latex.percent(pixels.knnFeatures()))
                .put("KnnFirstLayer", Latex.code(first.layer()))
                .put("KnnFirstMap", Latex.percent(first.knnMap()))
                .put("KnnFirstFeatures", Latex.percent(first.knnFeatures()))
                .put("TsneBestLayerMap", Latex.code(bestMap.layer()))
                .put("TsneBestKnnMap", Latex.percent(bestMap.knnMap()))
                .put("TsneBestLayerFeatures", Latex.code(bestFeatures.layer()))
                .put("TsneBestKnnFeatures", Latex.percent(bestFeatures.knnFeatures()))
                // The image map of that layer: how many of the images it could show without overlaps.
                .put("TsneMapShown", Latex.integer(imageMap.shown()))
                .put("TsneMapSide", Latex.integer(imageMap.image().getWidth()))
                .put("TsneMapScale", String.valueOf(imageMap.scale()));
    }

    /** The representation (a layer, or the raw pixels) whose features score best by k-NN: the first of equals. */
    static Tables.LayerScore bestFeatures(List<Tables.LayerScore> scores) {
        return scores.stream().reduce((a, b) -> b.knnFeatures() > a.knnFeatures() ? b : a).orElseThrow();
    }

    private static void stl10Sample(Latex.Macros m, Inputs in, Optional<Integer> stlSide) {
        Recipe r = in.pinned().card().recipe();
        in.stl10Sample().ifPresent(s -> m.put("StlSampleLabeled", String.valueOf(s.labeled().count()))
                .put("StlSampleUnlabeled", String.valueOf(s.unlabeled().count()))
                .put("StlSide", String.valueOf(stlSide.orElseThrow()))
                .put("StlAugTranslate", String.valueOf(AugmentationGrid.atResolution(r.augment(), r.data().inputSize(),
                        stlSide.orElseThrow()).translate()))
                .put("StlAugCutout", String.valueOf(AugmentationGrid.atResolution(r.augment(), r.data().inputSize(),
                        stlSide.orElseThrow()).cutout())));
    }

    private static void provenance(Latex.Macros m, Inputs in) {
        Map<String, String> prov = in.pinned().card().provenance();
        m.put("PinnedRecipe", Latex.code(in.pinned().recipe()))
                .put("PinnedBudgetFactor", budgetFactor(in.pinned().card().recipe(), in))
                .put("BaselineRecipe", Latex.code(in.baseline().recipe()))
                .put("TrainCpu", Latex.escape(prov.getOrDefault("cpu", "unknown")))
                .put("TrainThreads", Latex.escape(prov.getOrDefault("threads", "unknown")))
                .put("TrainNativeBuild", Latex.code(prov.getOrDefault("native.build", "unknown")))
                .put("TrainDlVersion", Latex.escape(prov.getOrDefault("dl4j", "unknown")))
                .put("TrainCommit", Latex.code(abbreviate(prov.getOrDefault("git.commit", "unknown"))))
                .put("FiguresCommit", Latex.code(abbreviate(in.environment().getOrDefault("git.commit", "unknown"))));
    }

    static String finitePercent(double v) {
        return Double.isFinite(v) ? Latex.percent(v) : "---";
    }

    private static String triple(float[] v) {
        return String.format(java.util.Locale.ROOT, "(%.3f, %.3f, %.3f)", v[0], v[1], v[2]);
    }

    private static String abbreviate(String commit) {
        return commit.matches("[0-9a-f]{40}") ? commit.substring(0, 12) : commit;
    }
}
