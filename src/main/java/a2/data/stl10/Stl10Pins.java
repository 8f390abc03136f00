package a2.data.stl10;

import a2.fetch.Expected;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the STL-10 release must contain: the digest of {@code stl10_binary.tar.gz} and the length and digest of
 * each pinned file in its {@code stl10_binary/} folder. {@link #official()} holds the published pins; tests
 * inject pins computed for a small synthetic archive.
 *
 * @param archive the archive's digest (size optional)
 * @param files   file name inside {@code stl10_binary/} to its length and digest (every entry must pin a size)
 */
public record Stl10Pins(Expected archive, Map<String, Expected> files) {
    /**
     * Each image is 3 planes of 96x96 unsigned bytes (https://cs.stanford.edu/~acoates/stl10/, README of the
     * binary release); each label one byte.
     */
    private static final long BYTES_PER_IMAGE = 3L * 96 * 96;
    private static final long TRAIN_IMAGES = 5_000;
    private static final long TEST_IMAGES = 8_000;
    private static final long UNLABELED_IMAGES = 100_000;

    public Stl10Pins {
        Objects.requireNonNull(archive, "archive");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files pinned");
        }
        for (Map.Entry<String, Expected> e : files.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
                throw new IllegalArgumentException("pinned name must be a plain file name, got '" + name + "'");
            }
            if (e.getValue().size().isEmpty()) {
                throw new IllegalArgumentException("pin of " + name + " lacks its size");
            }
        }
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /**
     * The official release. The md5 sums are the ones torchvision and tensorflow-datasets pin; the sizes follow
     * from the format (source: /work/shared/datasets/README.md).
     */
    public static Stl10Pins official() {
        Map<String, Expected> files = new LinkedHashMap<>();
        files.put("train_X.bin", Expected.md5("918c2871b30a85fa023e0c44e0bee87f").withSize(TRAIN_IMAGES * BYTES_PER_IMAGE));
        files.put("train_y.bin", Expected.md5("5a34089d4802c674881badbb80307741").withSize(TRAIN_IMAGES));
        files.put("test_X.bin", Expected.md5("7f263ba9f9e0b06b93213547f721ac82").withSize(TEST_IMAGES * BYTES_PER_IMAGE));
        files.put("test_y.bin", Expected.md5("36f9794fa4beb8a2c72628de14fa638e").withSize(TEST_IMAGES));
        files.put("unlabeled_X.bin", Expected.md5("5242ba1fed5e4be9e1e742405eb56ca4").withSize(UNLABELED_IMAGES * BYTES_PER_IMAGE));
        return new Stl10Pins(Expected.md5("91f7769df0f17e558f3565bffb0c7dfb"), files);
    }

    /** Sum of the pinned file lengths: what unpacking writes, give or take the two small text files. */
    public long pinnedBytes() {
        return files.values().stream().mapToLong(e -> e.size().getAsLong()).sum();
    }
}
