package a2.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hex digests of files and byte arrays (SHA-256 for our own artifacts, MD5 where a published pin uses it). */
public final class Hashes {
    private Hashes() {}

    public static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    public static String sha256(Path file) {
        return hex(file, "SHA-256");
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest("SHA-256").digest(bytes));
    }

    public static String hex(Path file, String algorithm) {
        MessageDigest md = digest(algorithm);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw InputFiles.readFailure(file, e); // "permission denied", not "could not read X: X"
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
