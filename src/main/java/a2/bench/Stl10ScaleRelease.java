package a2.bench;

import a2.data.Dataset;
import a2.data.Images;
import a2.data.Split;
import a2.data.stl10.Stl10Layout;
import a2.data.stl10.Stl10Writer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * An STL-10 release in the exact official layout and sizes, made from CIFAR-10-A2 images upscaled to 96x96, for
 * rehearsing the STL-10 path at full scale (bench/stl10-scale). It tests scale and format, not STL-10 accuracy: the
 * pictures are CIFAR-10's, the class names A2's.
 * <ul>
 * <li>train: the labeled images (all 5,000 at full size; fewer: evenly spaced through the class-ordered list);
 * <li>test: the A2 test images with the lowest Ids; their labels are hidden, so {@code test_y.bin} is a placeholder
 * (every record class {@value #PLACEHOLDER_LABEL}, 1-based as on disk);
 * <li>unlabeled: the pool, then its mirror images, then the pool shifted right by {@value #SHIFT} px (the left
 * columns repeat the edge), cut at the requested count;
 * <li>{@code fold_indices.txt}: ten folds of a fifth of the training indices each (1,000 of 5,000, as released),
 * drawn from one seed.
 * </ul>
 * Every image is read on demand and written streamed: the 2.76 GB unlabeled file never sits in memory.
 */
public final class Stl10ScaleRelease {
    public static final int SHIFT = 4;
    public static final int PLACEHOLDER_LABEL = 1;

    private Stl10ScaleRelease() {}

    /**
     * @param pool the unlabeled A2 images used before mirroring and shifting (45,000: the whole pool)
     */
    public record Sizes(int train, int test, int unlabeled, int pool) {
        public static final Sizes FULL = new Sizes(Stl10Layout.OFFICIAL_TRAIN, Stl10Layout.OFFICIAL_TEST,
                Stl10Layout.OFFICIAL_UNLABELED, 45_000);
        /** A few seconds' worth, every source of the unlabeled file still used (450 + 450 mirrored + 100 shifted). */
        public static final Sizes SMALL = new Sizes(50, 80, 1_000, 450);

        public Sizes {
            if (train < 10 || test < 1 || unlabeled < 1 || pool < 1) {
                throw new IllegalArgumentException("train >= 10, test, unlabeled and pool >= 1 required");
            }
        }
    }

    /** What was written, and the A2 test Id of each STL-10 test record (record k has STL-10 Id k + 1). */
    public record Written(Path dir, int train, int test, int unlabeled, int[] a2TestIds) {}

    public static Written write(Dataset a2, Path dir, Sizes sizes, long seed) {
        Objects.requireNonNull(dir, "dir");
        if (a2.numClasses() != Stl10Layout.NUM_CLASSES) {
            throw new IllegalArgumentException("STL-10 has " + Stl10Layout.NUM_CLASSES + " classes, " + a2.name() + " "
                    + a2.numClasses());
        }
        require(a2.train().count(), sizes.train(), "labeled");
        require(a2.test().count(), sizes.test(), "test");
        require(a2.unlabeled().count(), sizes.pool(), "unlabeled");
        int side = Stl10Layout.SIDE;

        int[] trainIdx = evenlySpaced(a2.train().count(), sizes.train());
        int[] trainLabels = Arrays.stream(trainIdx).map(i -> a2.trainLabels()[i]).toArray();
        int[] testIdx = lowestIds(a2.testIds(), sizes.test());
        int[] a2TestIds = Arrays.stream(testIdx).map(i -> a2.testIds()[i]).toArray();
        Images pool = Views.upscaled(Views.select(a2.unlabeled(), IntStream.range(0, sizes.pool()).toArray()), side);
        Images unlabeled = Views.prefix(Views.concat(List.of(pool, Views.mirrored(pool), Views.shifted(pool, SHIFT))),
                sizes.unlabeled());
        if (unlabeled.count() < sizes.unlabeled()) {
            throw new IllegalArgumentException("the pool of " + sizes.pool() + " gives at most " + unlabeled.count()
                    + " unlabeled images, " + sizes.unlabeled() + " asked for");
        }

        Stl10Writer.writeImages(dir.resolve(Stl10Layout.TRAIN_X), Views.upscaled(Views.select(a2.train(), trainIdx), side));
        Stl10Writer.writeLabels(dir.resolve(Stl10Layout.TRAIN_Y), trainLabels);
        Stl10Writer.writeImages(dir.resolve(Stl10Layout.TEST_X), Views.upscaled(Views.select(a2.test(), testIdx), side));
        int[] placeholder = new int[sizes.test()];
        Arrays.fill(placeholder, PLACEHOLDER_LABEL - Stl10Layout.FIRST_LABEL);
        Stl10Writer.writeLabels(dir.resolve(Stl10Layout.TEST_Y), placeholder);
        Stl10Writer.writeImages(dir.resolve(Stl10Layout.UNLABELED_X), unlabeled);
        Stl10Writer.writeClassNames(dir.resolve(Stl10Layout.CLASS_NAMES_FILE), a2.classNames());
        Stl10Writer.writeFolds(dir.resolve(Stl10Layout.FOLD_INDICES_FILE), folds(sizes.train(), new SplittableRandom(seed)));
        return new Written(dir, sizes.train(), sizes.test(), unlabeled.count(), a2TestIds);
    }

    private static void require(int have, int want, String split) {
        if (have < want) {
            throw new IllegalArgumentException("the dataset has " + have + " " + split + " images, " + want + " needed");
        }
    }

    /** {@code n} indices spread evenly over {@code 0..count-1}: every class of a class-ordered list, in order. */
    static int[] evenlySpaced(int count, int n) {
        return IntStream.range(0, n).map(i -> (int) ((long) i * count / n)).toArray();
    }

    /** The positions of the {@code n} lowest Ids, in Id order. */
    static int[] lowestIds(int[] ids, int n) {
        return IntStream.range(0, ids.length).boxed().sorted((a, b) -> Integer.compare(ids[a], ids[b])).limit(n)
                .mapToInt(Integer::intValue).toArray();
    }

    /** Ten folds of a fifth of the training indices each, ascending; the official release's proportion. */
    static int[][] folds(int train, SplittableRandom random) {
        int[][] folds = new int[Stl10Layout.FOLDS][];
        for (int k = 0; k < folds.length; k++) {
            int[] all = IntStream.range(0, train).toArray();
            Split.shuffle(all, random);
            folds[k] = Arrays.copyOf(all, train / 5);
            Arrays.sort(folds[k]);
        }
        return folds;
    }
}
