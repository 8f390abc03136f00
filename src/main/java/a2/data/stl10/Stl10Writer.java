package a2.data.stl10;

import static a2.data.stl10.Stl10Layout.BYTES_PER_IMAGE;
import static a2.data.stl10.Stl10Layout.CHANNELS;
import static a2.data.stl10.Stl10Layout.PLANE;
import static a2.data.stl10.Stl10Layout.SIDE;

import a2.data.Dataset;
import a2.data.Images;
import a2.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Writes folders in the exact layout of the STL-10 binary release ({@link Stl10Layout}), so that code and tests
 * elsewhere can run on a real-format folder without the 2.6 GB download: {@link #write} from images and labels
 * in memory (CHW in, column-major on disk), {@link #writeSynthetic} for a small random folder. Every file is
 * written atomically (temp file + rename, {@link AtomicFiles}); a folder interrupted halfway holds only whole
 * files, and {@link Stl10Folder#load} names the ones still missing.
 */
public final class Stl10Writer {
    private Stl10Writer() {}

    /**
     * Writes {@code dataset} and {@code folds} into {@code dir} as the seven files of {@link Stl10Layout#FILES},
     * replacing any there. The dataset must have 10 classes, 96x96 images and test labels; its test Ids must be
     * 1..N in order, since the binary format stores none (the Id of a test image is its record number + 1).
     */
    public static void write(Path dir, Dataset dataset, int[][] folds) {
        Objects.requireNonNull(dir, "dir");
        if (dataset.numClasses() != Stl10Layout.NUM_CLASSES) {
            throw new IllegalArgumentException("STL-10 has " + Stl10Layout.NUM_CLASSES + " classes, the dataset "
                    + dataset.numClasses());
        }
        int[] testLabels = dataset.testLabels().orElseThrow(() ->
                new IllegalArgumentException("the dataset has no test labels; test_y.bin needs them"));
        int[] ids = dataset.testIds();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != i + 1) {
                throw new IllegalArgumentException("test Id " + ids[i] + " at position " + i + "; the binary format"
                        + " implies Ids 1..N in record order");
            }
        }
        checkFolds(folds, dataset.train().count());
        writeImages(dir.resolve(Stl10Layout.TRAIN_X), dataset.train());
        writeLabels(dir.resolve(Stl10Layout.TRAIN_Y), dataset.trainLabels());
        writeImages(dir.resolve(Stl10Layout.TEST_X), dataset.test());
        writeLabels(dir.resolve(Stl10Layout.TEST_Y), testLabels);
        writeImages(dir.resolve(Stl10Layout.UNLABELED_X), dataset.unlabeled());
        writeClassNames(dir.resolve(Stl10Layout.CLASS_NAMES_FILE), dataset.classNames());
        writeFolds(dir.resolve(Stl10Layout.FOLD_INDICES_FILE), folds);
    }

    /** Writes {@code images} (96x96, CHW) as an {@code *_X.bin}: one column-major record per image, streamed. */
    public static void writeImages(Path file, Images images) {
        if (images.height() != SIDE || images.width() != SIDE) {
            throw new IllegalArgumentException("STL-10 records are " + SIDE + "x" + SIDE + ", the images "
                    + images.height() + "x" + images.width());
        }
        AtomicFiles.write(file, out -> {
            byte[] record = new byte[BYTES_PER_IMAGE];
            for (int i = 0; i < images.count(); i++) {
                images.read(i, record, 0);
                Stl10Layout.transposePlanes(record, 0);
                out.write(record);
            }
        });
    }

    /** Writes 0-based {@code labels} as a {@code *_y.bin}: one byte 1..10 each. */
    public static void writeLabels(Path file, int[] labels) {
        byte[] bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= Stl10Layout.NUM_CLASSES) {
                throw new IllegalArgumentException("label " + labels[i] + " at " + i + " outside 0.."
                        + (Stl10Layout.NUM_CLASSES - 1));
            }
            bytes[i] = (byte) (labels[i] + Stl10Layout.FIRST_LABEL);
        }
        AtomicFiles.writeBytes(file, bytes);
    }

    /** Writes {@code class_names.txt}: one name per line, newline-terminated. */
    public static void writeClassNames(Path file, List<String> names) {
        for (String name : names) {
            if (name.isBlank() || name.contains("\n") || name.contains("\r")) {
                throw new IllegalArgumentException("class name '" + name + "' is blank or spans lines");
            }
        }
        AtomicFiles.writeString(file, names.stream().map(n -> n + "\n").collect(Collectors.joining()));
    }

    /** Writes {@code fold_indices.txt}: one fold per line, zero-based indices separated by single spaces. */
    public static void writeFolds(Path file, int[][] folds) {
        StringBuilder text = new StringBuilder();
        for (int[] fold : folds) {
            text.append(Arrays.stream(fold).mapToObj(Integer::toString).collect(Collectors.joining(" "))).append('\n');
        }
        AtomicFiles.writeBytes(file, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Writes a small, valid STL-10 folder into {@code dir} and returns {@code dir}. Labels are balanced (image
     * i of a split has class i mod 10 before a seeded shuffle). Each image is its class's fixed pattern (a
     * class colour plus stripes at a class angle) with per-image brightness and per-pixel noise, so a small
     * network can learn the classes while no two images are equal. The unlabeled images come from the same
     * generator with their classes discarded. {@code class_names.txt} holds the official names;
     * {@code fold_indices.txt} holds ten folds of {@code max(1, train / 5)} distinct indices below {@code train}
     * each, the official proportion of 1,000 out of 5,000.
     *
     * <p>Everything follows from {@code seed}: the same arguments give byte-identical files.
     */
    public static Path writeSynthetic(Path dir, int train, int test, int unlabeled, long seed) {
        Objects.requireNonNull(dir, "dir");
        if (train < 1 || test < 1 || unlabeled < 1) {
            throw new IllegalArgumentException("a loadable folder needs at least one image per split, got train="
                    + train + " test=" + test + " unlabeled=" + unlabeled);
        }
        // One seed, split once per consumer, in a fixed order.
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom trainRandom = root.split();
        SplittableRandom testRandom = root.split();
        SplittableRandom unlabeledRandom = root.split();
        SplittableRandom foldRandom = root.split();

        int[] trainLabels = balancedLabels(train, trainRandom);
        int[] testLabels = balancedLabels(test, testRandom);
        int[] unlabeledClasses = randomClasses(unlabeled, unlabeledRandom);

        writeImages(dir.resolve(Stl10Layout.TRAIN_X), new SyntheticImages(trainLabels, trainRandom.nextLong()));
        writeLabels(dir.resolve(Stl10Layout.TRAIN_Y), trainLabels);
        writeImages(dir.resolve(Stl10Layout.TEST_X), new SyntheticImages(testLabels, testRandom.nextLong()));
        writeLabels(dir.resolve(Stl10Layout.TEST_Y), testLabels);
        writeImages(dir.resolve(Stl10Layout.UNLABELED_X), new SyntheticImages(unlabeledClasses, unlabeledRandom.nextLong()));
        writeClassNames(dir.resolve(Stl10Layout.CLASS_NAMES_FILE), Stl10Layout.CLASS_NAMES);
        writeFolds(dir.resolve(Stl10Layout.FOLD_INDICES_FILE), syntheticFolds(train, foldRandom));
        return dir;
    }

    private static void checkFolds(int[][] folds, int trainCount) {
        if (folds.length != Stl10Layout.FOLDS) {
            throw new IllegalArgumentException(folds.length + " folds; fold_indices.txt holds " + Stl10Layout.FOLDS);
        }
        for (int k = 0; k < folds.length; k++) {
            if (folds[k].length == 0) {
                throw new IllegalArgumentException("fold " + k + " is empty");
            }
            for (int index : folds[k]) {
                if (index < 0 || index >= trainCount) {
                    throw new IllegalArgumentException("fold " + k + " holds index " + index + ", outside 0.." + (trainCount - 1));
                }
            }
        }
    }

    private static int[] balancedLabels(int n, SplittableRandom random) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % Stl10Layout.NUM_CLASSES;
        }
        shuffle(labels, random);
        return labels;
    }

    private static int[] randomClasses(int n, SplittableRandom random) {
        return random.ints(n, 0, Stl10Layout.NUM_CLASSES).toArray();
    }

    private static int[][] syntheticFolds(int train, SplittableRandom random) {
        int size = Math.max(1, train / 5);
        int[][] folds = new int[Stl10Layout.FOLDS][];
        for (int k = 0; k < folds.length; k++) {
            int[] all = new int[train];
            Arrays.setAll(all, i -> i);
            shuffle(all, random);
            folds[k] = Arrays.copyOf(all, size);
        }
        return folds;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Class-dependent images generated on demand (never held in memory), deterministic per (seed, index). */
    private static final class SyntheticImages implements Images {
        private static final double STRIPE_PERIOD = 12.0;
        private static final int STRIPE_AMPLITUDE = 40;
        private static final int COLOUR_AMPLITUDE = 70;
        private static final int BRIGHTNESS_JITTER = 20;
        private static final int NOISE = 24;

        private final int[] classes;
        private final long seed;
        /** patterns[k] is class k's noiseless image, CHW. */
        private final int[][] patterns = new int[Stl10Layout.NUM_CLASSES][BYTES_PER_IMAGE];

        SyntheticImages(int[] classes, long seed) {
            this.classes = classes;
            this.seed = seed;
            for (int k = 0; k < Stl10Layout.NUM_CLASSES; k++) {
                double angle = Math.PI * k / Stl10Layout.NUM_CLASSES;
                double dx = Math.cos(angle);
                double dy = Math.sin(angle);
                for (int c = 0; c < CHANNELS; c++) {
                    // Class colours spread round the hue circle: channel c peaks a third of a turn after c-1.
                    double colour = 128 + COLOUR_AMPLITUDE * Math.sin(2 * Math.PI * ((double) k / Stl10Layout.NUM_CLASSES
                            + (double) c / CHANNELS));
                    for (int row = 0; row < SIDE; row++) {
                        for (int col = 0; col < SIDE; col++) {
                            double stripe = Math.sin(2 * Math.PI * (col * dx + row * dy) / STRIPE_PERIOD);
                            patterns[k][c * PLANE + row * SIDE + col] = (int) Math.round(colour + STRIPE_AMPLITUDE * stripe);
                        }
                    }
                }
            }
        }

        @Override
        public int count() {
            return classes.length;
        }

        @Override
        public int height() {
            return SIDE;
        }

        @Override
        public int width() {
            return SIDE;
        }

        @Override
        public void read(int index, byte[] dst, int offset) {
            Objects.checkIndex(index, classes.length);
            SplittableRandom random = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L));
            int[] pattern = patterns[classes[index]];
            int brightness = random.nextInt(-BRIGHTNESS_JITTER, BRIGHTNESS_JITTER + 1);
            for (int i = 0; i < BYTES_PER_IMAGE; i++) {
                int v = pattern[i] + brightness + random.nextInt(-NOISE, NOISE + 1);
                dst[offset + i] = (byte) Math.max(0, Math.min(255, v));
            }
        }
    }
}
