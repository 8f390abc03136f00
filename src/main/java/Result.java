
/** The entry point of {@code result.jar}: the Java twin of the course's {@code result.lua}. */
public final class Result {
    private Result() {}

    public static void main(String[] args) {
        // First: a relaunched child must stop the moment its parent is gone, whatever happens after this line.
        a2.launch.ParentWatch.install();
        System.exit(a2.cli.Launcher.main(args));
    }
}
