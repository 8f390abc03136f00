package a2.data;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What every source (STL-10 binary release, A2 image folders) exposes to the rest of the code.
 *
 * @param name          a short identifier recorded in provenance and model files, e.g. {@code stl10} or {@code cifar10-a2}
 * @param classNames    class k (0-based here) is {@code classNames.get(k)}; on disk and in CSVs labels are k+1
 * @param train         the labeled training images
 * @param trainLabels   0-based class of each training image
 * @param unlabeled     the unlabeled pool (possibly memory-mapped and huge)
 * @param test          the test images, in Id order
 * @param testIds       the Kaggle Id of each test image (1-based, ascending)
 * @param testLabels    0-based test labels where the source publishes them (STL-10), else empty
 * @param checksums     file name to SHA-256 (or the source's own pin) of what was read, for provenance
 */
public record Dataset(String name, List<String> classNames, Images train, int[] trainLabels, Images unlabeled,
                      Images test, int[] testIds, Optional<int[]> testLabels,
                      java.util.SortedMap<String, String> checksums) {
    public Dataset {
        Objects.requireNonNull(name);
        classNames = List.copyOf(classNames);
        if (trainLabels.length != train.count()) {
            throw new IllegalArgumentException(train.count() + " training images but " + trainLabels.length + " labels");
        }
        if (testIds.length != test.count()) {
            throw new IllegalArgumentException(test.count() + " test images but " + testIds.length + " ids");
        }
        for (int label : trainLabels) {
            if (label < 0 || label >= classNames.size()) {
                throw new IllegalArgumentException("label " + label + " outside 0.." + (classNames.size() - 1));
            }
        }
        checksums = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(checksums));
    }

    public int numClasses() {
        return classNames.size();
    }

    public int height() {
        return train.height();
    }

    public int width() {
        return train.width();
    }
}
