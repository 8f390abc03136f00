package a2.fetch;

import a2.io.IntegrityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * What a file must be: its digest and, when known, its length. Published pins use MD5 (the STL-10 release,
 * as torchvision and tensorflow-datasets pin it); our own artifacts (trained models) use SHA-256.
 *
 * @param algorithm {@code SHA-256} or {@code MD5} (case-insensitive on input, stored in this spelling)
 * @param hex       the digest in hexadecimal (stored lower case)
 * @param size      the length in bytes, when pinned; it lets a download stop early and reject an oversized part
 */
public record Expected(String algorithm, String hex, OptionalLong size) {
    public static final String SHA_256 = "SHA-256";
    public static final String MD5 = "MD5";

    public Expected {
        algorithm = switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "SHA-256", "SHA256" -> SHA_256;
            case "MD5" -> MD5;
            default -> throw new IllegalArgumentException("unsupported digest algorithm " + algorithm + " (use SHA-256 or MD5)");
        };
        hex = hex.toLowerCase(Locale.ROOT);
        int digits = 2 * (algorithm.equals(SHA_256) ? 32 : 16); // two hex digits per digest byte
        if (hex.length() != digits || !hex.chars().allMatch(HexFormat::isHexDigit)) {
            throw new IllegalArgumentException(algorithm + " must be " + digits + " hex digits, got '" + hex + "'");
        }
        if (size.isPresent() && size.getAsLong() < 0) {
            throw new IllegalArgumentException("negative size " + size.getAsLong());
        }
    }

    public static Expected sha256(String hex) {
        return new Expected(SHA_256, hex, OptionalLong.empty());
    }

    public static Expected md5(String hex) {
        return new Expected(MD5, hex, OptionalLong.empty());
    }

    public Expected withSize(long bytes) {
        return new Expected(algorithm, hex, OptionalLong.of(bytes));
    }

    /** True when a file of this length could still be this one. */
    public boolean admitsSize(long bytes) {
        return size.isEmpty() || size.getAsLong() == bytes;
    }

    /**
     * Throws unless the measured length and digest are the pinned ones.
     *
     * @param what names the bytes in the message (a URL, or a file inside an archive)
     */
    public void verify(String what, long actualSize, String actualHex) {
        if (!admitsSize(actualSize)) {
            throw new IntegrityException(what + ": expected " + size.getAsLong() + " bytes, actual " + actualSize + " bytes");
        }
        if (!hex.equalsIgnoreCase(actualHex)) {
            throw new IntegrityException(what + ": " + algorithm + " expected " + hex + ", actual " + actualHex.toLowerCase(Locale.ROOT));
        }
    }
}
