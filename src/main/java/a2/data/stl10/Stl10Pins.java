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
     * The official release. The md5 sums are the ones torchvision and tensorflow-datasets pin (restated in
     * {@code shared/datasets/README.md}); the sizes follow from the format: records times bytes per record.
     */
    public static Stl10Pins official() {
        Map<String, Expected> files = new LinkedHashMap<>();
        files.put(Stl10Layout.TRAIN_X, Expected.md5("918c2871b30a85fa023e0c44e0bee87f").withSize(images(Stl10Layout.OFFICIAL_TRAIN)));
        files.put(Stl10Layout.TRAIN_Y, Expected.md5("5a34089d4802c674881badbb80307741").withSize(labels(Stl10Layout.OFFICIAL_TRAIN)));
        files.put(Stl10Layout.TEST_X, Expected.md5("7f263ba9f9e0b06b93213547f721ac82").withSize(images(Stl10Layout.OFFICIAL_TEST)));
        files.put(Stl10Layout.TEST_Y, Expected.md5("36f9794fa4beb8a2c72628de14fa638e").withSize(labels(Stl10Layout.OFFICIAL_TEST)));
        files.put(Stl10Layout.UNLABELED_X, Expected.md5("5242ba1fed5e4be9e1e742405eb56ca4").withSize(images(Stl10Layout.OFFICIAL_UNLABELED)));
        return new Stl10Pins(Expected.md5("91f7769df0f17e558f3565bffb0c7dfb"), files);
    }

    private static long images(int count) {
        return (long) count * Stl10Layout.BYTES_PER_IMAGE;
    }

    private static long labels(int count) {
        return (long) count * Stl10Layout.BYTES_PER_LABEL;
    }

    /** Sum of the pinned file lengths: what unpacking writes, give or take the two small text files. */
    public long pinnedBytes() {
        return files.values().stream().mapToLong(e -> e.size().getAsLong()).sum();
    }
}
