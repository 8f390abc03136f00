/**
 * Bytes from a URL ({@code http:}, {@code https:}, {@code file:}) to a local file, resumable and verified
 * against a pinned digest before anything may use them (progress goes to an injected {@link a2.io.Progress}).
 */
package a2.fetch;
