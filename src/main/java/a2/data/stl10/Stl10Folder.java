package a2.data.stl10;

import a2.data.Dataset;
import java.nio.file.Path;

/** Placeholder until the STL-10 reader lands (replaced by the reader branch). */
public final class Stl10Folder {
    private Stl10Folder() {}

    public static Dataset load(Path dir) {
        throw new UnsupportedOperationException("STL-10 reader not merged yet: " + dir);
    }
}
