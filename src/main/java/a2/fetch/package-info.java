/**
 * Bytes from a URL ({@code http:}, {@code https:}, {@code file:}) to a local file, resumable and verified
 * against a pinned digest before anything may use them; plus the progress reporting those transfers share.
 */
package a2.fetch;
