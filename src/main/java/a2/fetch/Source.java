package a2.fetch;

import a2.io.InvalidInputException;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a file comes from and what it must be. The URL is checked here, so a bad {@code --url} is refused
 * before anything touches the disk or the network.
 *
 * @param url         {@code http:}, {@code https:} or {@code file:} (absolute path)
 * @param expected    the pinned digest (and size, when known)
 * @param offlineHint appended to the "seems offline" message: how to point the tool at a local copy instead,
 *                    e.g. {@code pass --url file:///path/to/stl10_binary.tar.gz or --data DIR}
 */
public record Source(URI url, Expected expected, String offlineHint) {
    public Source {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(offlineHint, "offlineHint");
        String scheme = url.getScheme();
        if (scheme == null) {
            throw new InvalidInputException("URL '" + url + "' has no scheme: use http:, https: or file: (e.g. file:///abs/path)");
        }
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case "http", "https" -> {
                if (url.getHost() == null) {
                    throw new InvalidInputException("URL '" + url + "' has no host");
                }
            }
            case "file" -> {
                if (url.getPath() == null || !url.getPath().startsWith("/")) {
                    throw new InvalidInputException("file URL '" + url + "' must hold an absolute path, e.g. file:///data/stl10_binary.tar.gz");
                }
            }
            default -> throw new InvalidInputException("unsupported URL scheme '" + scheme + "' in " + url + ": use http:, https: or file:");
        }
    }

    /** Parses a URL the user typed; a syntax error is the user's, so it maps to exit code 2. */
    public static URI parseUrl(String text) {
        try {
            return new URI(text.strip());
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInputException("not a URL: '" + text + "' (" + e.getMessage() + ")", e);
        }
    }

    boolean isFile() {
        return url.getScheme().equalsIgnoreCase("file");
    }
}
