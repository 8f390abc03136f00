package a2.data.stl10;

import a2.data.Images;
import java.util.List;

/**
 * The byte layout of the STL-10 binary release, {@code stl10_binary/} inside {@code stl10_binary.tar.gz}.
 *
 * <p>Source: the STL-10 site (https://cs.stanford.edu/~acoates/stl10/), restated in
 * {@code shared/datasets/README.md}. Each {@code *_X.bin}
 * is a headerless run of uint8 records, one per image: three planes R, G, B of 96x96 pixels, each plane stored
 * <em>column-major</em> (Fortran order, as MATLAB wrote them): byte {@code c*9216 + col*96 + row}. Each
 * {@code *_y.bin} holds one uint8 label 1..10 per image, in the same order. A reader that forgets the
 * column-major order still "works" and shows every image transposed, so the conversion lives in one place:
 * {@link #transposePlanes(byte[], int)}.
 */
public final class Stl10Layout {
    private Stl10Layout() {}

    /** Images are 96x96 pixels. */
    public static final int SIDE = 96;
    /** R, G, B; the same count as the canonical in-memory layout. */
    public static final int CHANNELS = Images.CHANNELS;
    /** One channel of one image: {@code SIDE * SIDE} = 9,216 bytes. */
    public static final int PLANE = SIDE * SIDE;
    /** One record of an {@code *_X.bin}: {@code CHANNELS * PLANE} = 27,648 bytes. */
    public static final int BYTES_PER_IMAGE = CHANNELS * PLANE;
    /** One record of a {@code *_y.bin}: a single uint8. */
    public static final int BYTES_PER_LABEL = 1;

    /** Labels on disk run 1..NUM_CLASSES; in memory ({@link a2.data.Dataset}) they are 0-based. */
    public static final int NUM_CLASSES = 10;
    public static final int FIRST_LABEL = 1;
    public static final int LAST_LABEL = FIRST_LABEL + NUM_CLASSES - 1;

    /** {@code class_names.txt} of the official release, one per line; label k is line k. */
    public static final List<String> CLASS_NAMES = List.of(
            "airplane", "bird", "car", "cat", "deer", "dog", "horse", "monkey", "ship", "truck");

    /** The folder the official archive unpacks to. */
    public static final String FOLDER = "stl10_binary";
    public static final String TRAIN_X = "train_X.bin";
    public static final String TRAIN_Y = "train_y.bin";
    public static final String TEST_X = "test_X.bin";
    public static final String TEST_Y = "test_y.bin";
    public static final String UNLABELED_X = "unlabeled_X.bin";
    public static final String CLASS_NAMES_FILE = "class_names.txt";
    public static final String FOLD_INDICES_FILE = "fold_indices.txt";
    /** Every file {@link Stl10Folder#load} requires, in the order it reports them. */
    public static final List<String> FILES = List.of(
            TRAIN_X, TRAIN_Y, TEST_X, TEST_Y, UNLABELED_X, CLASS_NAMES_FILE, FOLD_INDICES_FILE);

    /** Record counts of the official release (its README: 500 train and 800 test images per class, 100,000 unlabeled). */
    public static final int OFFICIAL_TRAIN = 500 * NUM_CLASSES;
    public static final int OFFICIAL_TEST = 800 * NUM_CLASSES;
    public static final int OFFICIAL_UNLABELED = 100_000;
    /** {@code fold_indices.txt}: ten lines, each a fold of 1,000 zero-based training indices (a fifth of 5,000). */
    public static final int FOLDS = 10;
    public static final int OFFICIAL_FOLD_SIZE = OFFICIAL_TRAIN / 5;

    /** The 256-image sample ({@code stl10-sample}): the same record format under other names, no class or fold files. */
    public static final String SAMPLE_LABELED_X = "labeled_examples_X.bin";
    public static final String SAMPLE_LABELED_Y = "labeled_examples_y.bin";
    public static final String SAMPLE_UNLABELED_X = "unlabeled_examples_X.bin";

    /** Byte offset of record {@code index} in an {@code *_X.bin}; {@code long} because unlabeled_X.bin passes 2^31 bytes. */
    public static long recordOffset(int index) {
        return (long) index * BYTES_PER_IMAGE;
    }

    /** Offset inside one on-disk record of channel {@code c} at ({@code row}, {@code col}): column-major planes. */
    public static int fileIndex(int c, int row, int col) {
        return c * PLANE + col * SIDE + row;
    }

    /** Offset inside one canonical CHW record ({@link Images}) of channel {@code c} at ({@code row}, {@code col}). */
    public static int chwIndex(int c, int row, int col) {
        return c * PLANE + row * SIDE + col;
    }

    /**
     * Converts the record at {@code record[offset .. offset + BYTES_PER_IMAGE)} in place between the on-disk
     * column-major planes and the canonical CHW row-major planes of {@link Images}. The planes are square, so
     * the conversion is a transpose of each plane and is its own inverse: the reader calls it after copying a
     * record from disk, the writer before writing one. Channel order (R, G, B) is the same on both sides.
     */
    public static void transposePlanes(byte[] record, int offset) {
        java.util.Objects.checkFromIndexSize(offset, BYTES_PER_IMAGE, record.length);
        for (int c = 0; c < CHANNELS; c++) {
            int plane = offset + c * PLANE;
            for (int row = 0; row < SIDE; row++) {
                for (int col = row + 1; col < SIDE; col++) {
                    int a = plane + row * SIDE + col;
                    int b = plane + col * SIDE + row;
                    byte t = record[a];
                    record[a] = record[b];
                    record[b] = t;
                }
            }
        }
    }
}
