
/** The entry point of {@code result.jar}: the Java twin of the course's {@code result.lua}. */
public final class Result {
    private Result() {}

    public static void main(String[] args) {
        System.exit(a2.cli.Launcher.main(args));
    }
}
