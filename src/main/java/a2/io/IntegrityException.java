package a2.io;

/** Bytes are not what they must be (checksum mismatch, truncated download) or could not be moved. Exit code 3. */
public class IntegrityException extends RuntimeException {
    public IntegrityException(String message) {
        super(message);
    }

    public IntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
