package a2.train;

import a2.data.Dataset;
import a2.data.Images;
import a2.model.Inference;
import a2.model.ModelFile;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Noisy Student's pseudo-labeled pool: per class, the unlabeled images a finished teacher model is most confident
 * belong to it, with that label. Taking the same number per class (rather than everything above one threshold)
 * keeps a class the teacher over-predicts from taking over the pool.
 *
 * <p>The same rule is measured on the validation images, whose labels are known: an image there "passes" when the
 * teacher's confidence in its predicted class reaches the confidence of the last image that class admitted to the
 * pool. {@code validationRate} and {@code validationAccuracy} estimate how much of the pool is right.
 *
 * <p>A teacher of several models is their ensemble: the mean of their probabilities labels and ranks the images.
 *
 * @param images              indices into the labeled images (usually the unlabeled pool), grouped by class, most
 *                            confident first
 * @param labels              the teacher's 0-based label for each of {@code images}
 * @param targets             for soft labels, the teacher's probabilities for each of {@code images}; null for hard
 *                            (one-hot) labels
 * @param poolRate            {@code images.length} over the number of images the teacher labeled
 * @param validationRate      fraction of validation images that pass the same per-class confidence cut
 * @param validationAccuracy  how many of those the teacher labels right (NaN when none pass)
 * @param errorsBelowCut      of the validation images the teacher gets wrong, the share that does not pass the cut:
 *                            mistakes the pool cannot correct, since their like never enters it (NaN when none)
 */
public record TeacherPool(int[] images, int[] labels, float[][] targets, double poolRate, double validationRate, double validationAccuracy,
                          double errorsBelowCut) {

    /**
     * The teacher labels the whole unlabeled pool and the validation images (without augmentation, in inference
     * mode) and the pool is selected from its labels: what a Noisy Student run computes before its first step, and
     * what the figures recompute to report the pool exactly.
     */
    public static TeacherPool label(List<ModelFile.Loaded> teacher, Dataset data, int[] validation,
                                    int[] validationLabels, int perClass, boolean soft) {
        return label(teacher, data, data.unlabeled(), Inference.all(data.unlabeled().count()), validation,
                validationLabels, perClass, soft);
    }

    /**
     * The same from the images {@code poolIndices} of {@code poolImages} (the unlabeled pool, or for a control the
     * labeled training images); {@code images()} then holds indices into {@code poolImages}.
     */
    public static TeacherPool label(List<ModelFile.Loaded> teacher, Dataset data, Images poolImages, int[] poolIndices,
                                    int[] validation, int[] validationLabels, int perClass, boolean soft) {
        float[][] onPool = probabilities(teacher, poolImages, poolIndices);
        float[][] onVal = probabilities(teacher, data.train(), validation);
        TeacherPool p = select(PseudoLabels.of(onPool), perClass, data.numClasses(), PseudoLabels.of(onVal), validationLabels);
        p = soft ? p.withTargets(onPool) : p;
        int[] images = Arrays.stream(p.images()).map(i -> poolIndices[i]).toArray();
        return new TeacherPool(images, p.labels(), p.targets(), p.poolRate(), p.validationRate(), p.validationAccuracy(),
                p.errorsBelowCut());
    }

    /** The ensemble's probabilities: each model's, each with its own preprocessing, averaged. */
    public static float[][] probabilities(List<ModelFile.Loaded> models, Images images, int[] indices) {
        float[][] sum = null;
        for (ModelFile.Loaded m : models) {
            float[][] p = Inference.probabilities(m, images, indices, n -> {});
            if (sum == null) {
                sum = p;
            } else {
                for (int i = 0; i < p.length; i++) {
                    for (int k = 0; k < p[i].length; k++) {
                        sum[i][k] += p[i][k];
                    }
                }
            }
        }
        if (models.size() > 1) {
            for (float[] row : sum) {
                for (int k = 0; k < row.length; k++) {
                    row[k] /= models.size();
                }
            }
        }
        return sum;
    }

    /** The same pool with soft targets: row {@code i} of {@code probs} for every pool image {@code i}. */
    TeacherPool withTargets(float[][] probs) {
        float[][] t = new float[images.length][];
        for (int j = 0; j < images.length; j++) {
            t[j] = probs[images[j]].clone();
        }
        return new TeacherPool(images, labels, t, poolRate, validationRate, validationAccuracy, errorsBelowCut);
    }

    static TeacherPool select(PseudoLabels unlabeled, int perClass, int numClasses, PseudoLabels validation,
                              int[] validationLabels) {
        int n = unlabeled.labels().length;
        // Most confident first; ties by index, so the pool does not depend on the sort's stability.
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -unlabeled.confidence()[i]).thenComparingInt(i -> i));
        int[] taken = new int[numClasses];
        float[] cut = new float[numClasses];
        Arrays.fill(cut, Float.POSITIVE_INFINITY); // a class the teacher never predicts admits nothing
        int[][] byClass = new int[numClasses][perClass];
        for (int i : order) {
            int k = unlabeled.labels()[i];
            if (taken[k] < perClass) {
                byClass[k][taken[k]++] = i;
                cut[k] = unlabeled.confidence()[i];
            }
        }
        int total = Arrays.stream(taken).sum();
        int[] images = new int[total], labels = new int[total];
        int at = 0;
        for (int k = 0; k < numClasses; k++) {
            for (int j = 0; j < taken[k]; j++, at++) {
                images[at] = byClass[k][j];
                labels[at] = k;
            }
        }
        int passed = 0, right = 0, wrong = 0, wrongBelow = 0;
        for (int i = 0; i < validationLabels.length; i++) {
            int k = validation.labels()[i];
            boolean passes = validation.confidence()[i] >= cut[k], correct = k == validationLabels[i];
            passed += passes ? 1 : 0;
            right += passes && correct ? 1 : 0;
            wrong += correct ? 0 : 1;
            wrongBelow += !correct && !passes ? 1 : 0;
        }
        return new TeacherPool(images, labels, null, n == 0 ? 0 : (double) total / n,
                validationLabels.length == 0 ? 0 : (double) passed / validationLabels.length,
                passed == 0 ? Double.NaN : (double) right / passed, wrong == 0 ? Double.NaN : (double) wrongBelow / wrong);
    }

    public int size() {
        return images.length;
    }
}
