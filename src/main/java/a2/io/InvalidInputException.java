package a2.io;

/** Input the user supplied is wrong (a malformed file, a missing folder); the message says what and where. Exit code 2. */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
