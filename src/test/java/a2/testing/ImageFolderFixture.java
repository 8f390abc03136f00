package a2.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/** Writes small A2 image-folder datasets (PNG, so pixels survive exactly) with class-dependent colours. */
public final class ImageFolderFixture {
    public static final List<String> CLASSES = List.of("red", "green", "blue");

    private ImageFolderFixture() {}

    /** Writes {@code root/class_names.txt, train/<class>/, unlabeled/, test/} and returns root. */
    public static Path write(Path root, int perClass, int unlabeled, int test, int side, long seed) throws IOException {
        Random rng = new Random(seed);
        Files.createDirectories(root);
        Files.writeString(root.resolve("class_names.txt"), String.join("\n", CLASSES) + "\n");
        for (int k = 0; k < CLASSES.size(); k++) {
            Path dir = Files.createDirectories(root.resolve("train").resolve(CLASSES.get(k)));
            for (int i = 0; i < perClass; i++) {
                ImageIO.write(image(k, side, rng), "png", dir.resolve(String.format("%04d.png", i + 1)).toFile());
            }
        }
        Path u = Files.createDirectories(root.resolve("unlabeled"));
        for (int i = 0; i < unlabeled; i++) {
            ImageIO.write(image(i % CLASSES.size(), side, rng), "png", u.resolve(String.format("%05d.png", i + 1)).toFile());
        }
        Path t = Files.createDirectories(root.resolve("test"));
        for (int i = 0; i < test; i++) {
            ImageIO.write(image(i % CLASSES.size(), side, rng), "png", t.resolve(String.format("%05d.png", i + 1)).toFile());
        }
        return root;
    }

    /** Class k is brightest in channel k, with noise, and a bright pixel at the top-left so orientation shows. */
    public static BufferedImage image(int k, int side, Random rng) {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int[] c = new int[3];
                for (int ch = 0; ch < 3; ch++) {
                    c[ch] = Math.min(255, (ch == k ? 150 : 40) + rng.nextInt(60));
                }
                img.setRGB(x, y, c[0] << 16 | c[1] << 8 | c[2]);
            }
        }
        img.setRGB(0, 0, 0xFFFFFF);
        return img;
    }
}
