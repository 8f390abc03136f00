package a2.data;

import a2.io.Hashes;
import a2.io.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic, stratified train/validation split of the labeled images: from every class, {@code
 * validationPerClass} images go to validation (100 per class gives the assignment's 4,000/1,000 on 5,000 images).
 * The split is a pure function of (labels, validationPerClass, seed) and carries a fingerprint that every later
 * artifact records, so a model can name exactly which images it never trained on.
 *
 * @param train       indices into the labeled set, ascending
 * @param validation  indices into the labeled set, ascending
 */
public record Split(int[] train, int[] validation, long seed, int validationPerClass) {

    public static Split stratified(int[] labels, int numClasses, int validationPerClass, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> val = new ArrayList<>();
        List<Integer> tr = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            final int cls = c;
            int[] members = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == cls).toArray();
            if (members.length <= validationPerClass) {
                // The dataset or the recipe's data.validationPerClass is wrong, not the program: exit code 2.
                throw new InvalidInputException("class " + c + " has " + members.length + " images, cannot hold out "
                        + validationPerClass + " for validation (data.validationPerClass) and still train on it");
            }
            shuffle(members, rng);
            for (int i = 0; i < members.length; i++) {
                (i < validationPerClass ? val : tr).add(members[i]);
            }
        }
        int[] t = tr.stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] v = val.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new Split(t, v, seed, validationPerClass);
    }

    /** Fisher-Yates, in place; the one shuffle every seeded permutation in the project uses. */
    public static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
    }

    /** SHA-256 of the validation indices: two artifacts with the same fingerprint held out the same images. */
    public String fingerprint() {
        return Hashes.sha256(Arrays.toString(validation).getBytes(java.nio.charset.StandardCharsets.US_ASCII)).substring(0, 16);
    }
}
