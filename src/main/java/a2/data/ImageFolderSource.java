package a2.data;

import a2.io.InputFiles;
import a2.io.IntegrityException;
import a2.io.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.tukaani.xz.CorruptedInputException;
import org.tukaani.xz.XZFormatException;

/**
 * Decodes an A2 image-folder dataset, from a folder or straight from its {@code .tar.xz}:
 * <pre>
 *   class_names.txt          label k (1..K) is line k
 *   train/&lt;class&gt;/*.jpg|png  labeled images, the folder name is the class
 *   unlabeled/*.jpg|png      the unlabeled pool
 *   test/NNNNN.jpg|png       test images; Id = the number in the file name
 * </pre>
 * A single top-level folder (as in {@code cifar10-a2/}) is allowed. Images are decoded with {@code javax.imageio}
 * only, and every image must decode whole ({@link WholeImages}). Order is fixed so that decoding twice gives the same bytes: train by class then file name, unlabeled by
 * file name, test by Id.
 */
public final class ImageFolderSource {
    private static final Pattern TEST_ID = Pattern.compile("0*(\\d{1,9})\\.(?:jpe?g|png)", Pattern.CASE_INSENSITIVE);

    /** Far above any image or class list of these datasets (a 96x96 PNG is ~30 KB), far below the heap. */
    static final long MAX_FILE_BYTES = 64L << 20;

    private ImageFolderSource() {}

    /** One file of the dataset, by its path relative to the dataset root (always '/'-separated). */
    private record Entry(String path, byte[] bytes) {}

    public static boolean looksLikeArchive(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".tar.xz") || n.endsWith(".txz");
    }

    /** Dataset name from the source: the folder or archive name without extensions (e.g. {@code cifar10-a2}). */
    public static String nameOf(Path source) {
        String n = source.toAbsolutePath().normalize().getFileName().toString();
        return n.replaceFirst("(?i)(\\.tar\\.xz|\\.txz)$", "");
    }

    public static Dataset decode(Path source) {
        List<Entry> entries = looksLikeArchive(source) ? readArchive(source) : readFolder(source);
        return build(nameOf(source), source, entries);
    }

    private static List<Entry> readArchive(Path archive) {
        List<Entry> out = new ArrayList<>();
        try (InputStream raw = InputFiles.open(archive, "a dataset archive (.tar.xz)");
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(new java.io.BufferedInputStream(raw, 1 << 16)))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.isFile()) {
                    out.add(new Entry(e.getName(), tar.readAllBytes()));
                }
            }
        } catch (XZFormatException e) {
            throw new InvalidInputException(archive + " is not a .tar.xz archive (" + e.getMessage() + ")", e);
        } catch (java.io.EOFException | CorruptedInputException e) {
            // JDK and xz streams often end with a null message: say in words what happened.
            throw new IntegrityException(archive + " is truncated or corrupt: the archive ends or breaks off after "
                    + out.size() + " complete files" + (e.getMessage() != null ? " (" + e.getMessage() + ")" : "")
                    + "; copy or download it again", e);
        } catch (IOException e) {
            throw new IntegrityException("could not read the archive " + archive + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        }
        return stripTopFolder(out, archive);
    }

    private static List<Entry> readFolder(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException(root + " is neither a folder nor a .tar.xz archive");
        }
        InputFiles.requireFolder(root, "a dataset folder");
        try (Stream<Path> files = Files.walk(root)) {
            List<Entry> out = new ArrayList<>();
            // Only regular files are read: a fifo or a device in the tree would hang or never end.
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.add(new Entry(root.relativize(f).toString().replace('\\', '/'),
                        InputFiles.readBounded(f, "a dataset file", MAX_FILE_BYTES)));
            }
            return stripTopFolder(out, root);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + root + ": " + e.getMessage(), e);
        }
    }

    /** Accepts {@code top/class_names.txt ...} as well as {@code class_names.txt ...}. */
    private static List<Entry> stripTopFolder(List<Entry> entries, Path source) {
        if (entries.stream().anyMatch(e -> e.path().equals("class_names.txt"))) {
            return entries;
        }
        var tops = entries.stream().filter(e -> e.path().endsWith("/class_names.txt")
                && e.path().indexOf('/') == e.path().length() - "/class_names.txt".length()).toList();
        if (tops.size() != 1) {
            throw new InvalidInputException(source + ": no class_names.txt at the top (or in one top-level folder); "
                    + "expected class_names.txt, train/<class>/, unlabeled/, test/");
        }
        String prefix = tops.get(0).path().substring(0, tops.get(0).path().length() - "class_names.txt".length());
        return entries.stream().filter(e -> e.path().startsWith(prefix))
                .map(e -> new Entry(e.path().substring(prefix.length()), e.bytes())).toList();
    }

    private static Dataset build(String name, Path source, List<Entry> entries) {
        List<String> classes = entries.stream().filter(e -> e.path().equals("class_names.txt")).findFirst()
                .map(e -> new String(e.bytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                        .filter(l -> !l.isEmpty()).toList())
                .orElseThrow();
        if (classes.size() < 2 || classes.stream().distinct().count() != classes.size()) {
            throw new InvalidInputException(source + ": class_names.txt must list at least 2 distinct classes, found " + classes);
        }
        var train = new TreeMap<String, Entry>(Comparator.comparing((String p) -> classes.indexOf(p.split("/")[1]))
                .thenComparing(Comparator.naturalOrder()));
        var unlabeled = new TreeMap<String, Entry>();
        var test = new TreeMap<Integer, Entry>();
        for (Entry e : entries) {
            String[] parts = e.path().split("/");
            if (parts.length == 3 && parts[0].equals("train") && isImage(parts[2])) {
                if (!classes.contains(parts[1])) {
                    throw new InvalidInputException(source + ": " + e.path() + " is in class folder '" + parts[1]
                            + "', which class_names.txt does not list " + classes);
                }
                train.put(e.path(), e);
            } else if (parts.length == 2 && parts[0].equals("unlabeled") && isImage(parts[1])) {
                unlabeled.put(e.path(), e);
            } else if (parts.length == 2 && parts[0].equals("test") && isImage(parts[1])) {
                Matcher m = TEST_ID.matcher(parts[1]);
                if (!m.matches()) {
                    throw new InvalidInputException(source + ": test image " + e.path() + " is not named by its Id (NNNNN.jpg)");
                }
                Entry prev = test.put(Integer.parseInt(m.group(1)), e);
                if (prev != null) {
                    throw new InvalidInputException(source + ": two test images share Id " + m.group(1) + ": "
                            + prev.path() + " and " + e.path());
                }
            }
        }
        if (train.isEmpty()) {
            throw new InvalidInputException(source + ": no labeled images under train/<class>/");
        }
        if (test.isEmpty()) {
            throw new InvalidInputException(source + ": no test images under test/");
        }
        int[] size = new int[2];
        Images trainImages = decodeAll(source, train.values(), size);
        int[] labels = train.keySet().stream().mapToInt(p -> classes.indexOf(p.split("/")[1])).toArray();
        Images unlabeledImages = decodeAll(source, unlabeled.values(), size);
        Images testImages = decodeAll(source, test.values(), size);
        int[] ids = test.keySet().stream().mapToInt(Integer::intValue).toArray();
        return new Dataset(name, classes, trainImages, labels, unlabeledImages, testImages, ids,
                java.util.Optional.empty(), new TreeMap<>());
    }

    private static boolean isImage(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }

    /** Decodes in parallel; all images must share one size, fixed by the first one decoded ({@code size}). */
    private static Images decodeAll(Path source, java.util.Collection<Entry> entries, int[] size) {
        List<Entry> list = List.copyOf(entries);
        List<BufferedImage> decoded = list.parallelStream().map(e -> decode(source, e)).toList();
        if (decoded.isEmpty()) {
            return new ArrayImages(new byte[0], 0, Math.max(1, size[0]), Math.max(1, size[1]));
        }
        if (size[0] == 0) {
            size[0] = decoded.get(0).getHeight();
            size[1] = decoded.get(0).getWidth();
        }
        int h = size[0], w = size[1], n = Images.CHANNELS * h * w;
        byte[] pixels = new byte[Math.multiplyExact(decoded.size(), n)];
        for (int i = 0; i < decoded.size(); i++) {
            BufferedImage img = decoded.get(i);
            if (img.getHeight() != h || img.getWidth() != w) {
                throw new InvalidInputException(source + ": " + list.get(i).path() + " is " + img.getWidth() + "x"
                        + img.getHeight() + ", the other images are " + w + "x" + h);
            }
            toChw(img, pixels, i * n);
        }
        return new ArrayImages(pixels, decoded.size(), h, w);
    }

    private static BufferedImage decode(Path source, Entry e) {
        return WholeImages.decode(e.bytes(), source + ": " + e.path());
    }

    /** Writes an image's RGB into CHW planes at {@code off}. Grey or indexed images are expanded by getRGB. */
    public static void toChw(BufferedImage img, byte[] dst, int off) {
        int h = img.getHeight(), w = img.getWidth(), plane = h * w;
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            dst[off + i] = (byte) (p >>> 16);
            dst[off + plane + i] = (byte) (p >>> 8);
            dst[off + 2 * plane + i] = (byte) p;
        }
    }

    /** The inverse of {@link #toChw}, for figures and tests. */
    public static BufferedImage fromChw(byte[] src, int off, int h, int w) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int plane = h * w;
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            rgb[i] = (src[off + i] & 0xff) << 16 | (src[off + plane + i] & 0xff) << 8 | (src[off + 2 * plane + i] & 0xff);
        }
        img.setRGB(0, 0, w, h, rgb, 0, w);
        return img;
    }
}
