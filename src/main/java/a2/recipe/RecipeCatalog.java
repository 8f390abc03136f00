package a2.recipe;

import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;

/**
 * The recipes in the jar. The shipped ones, the product and what it is judged against, sit in {@code recipes/}; every
 * other recipe that was trained on the way (ablations, controls, other seeds) sits in {@code recipes/experiments/}.
 * Both resolve by bare name, so a {@code --recipe NAME} keeps working when a recipe moves between the two.
 */
public final class RecipeCatalog {
    private RecipeCatalog() {}

    /**
     * The pinned recipe ({@code result/model.json}) and its supervised control; the airbench pair, two seeds (teacher,
     * student, control); the STL-10 recipe.
     */
    public static final List<String> SHIPPED = List.of("cifar10-a2-fixmatch-w48-e300", "cifar10-a2-supervised-w48-e300",
            "cifar10-a2-airbench-student", "cifar10-a2-airbench-teacher", "cifar10-a2-airbench-supervised",
            "cifar10-a2-airbench-student-s2", "cifar10-a2-airbench-teacher-s2", "cifar10-a2-airbench-supervised-s2",
            "stl10-semisupervised");

    /**
     * Every other recipe, in the order it was introduced (a jar's resources cannot be listed, so the list is kept by
     * hand; {@code RecipeTest} checks both lists against the folders).
     */
    public static final List<String> EXPERIMENTS = List.of("cifar10-a2-supervised", "cifar10-a2-semisupervised",
            "cifar10-a2-semisupervised-t080", "cifar10-a2-noisy-student", "cifar10-a2-supervised-long",
            "cifar10-a2-ensemble-student", "cifar10-a2-supervised-fused", "cifar10-a2-ensemble-student-fused",
            "cifar10-a2-ensemble-control", "cifar10-a2-fixmatch-mu3", "cifar10-a2-fixmatch-mu3-t080",
            "cifar10-a2-fixmatch-e300", "cifar10-a2-supervised-e300", "cifar10-a2-supervised-fused-s2",
            "cifar10-a2-supervised-fused-s3", "cifar10-a2-fixmatch-e300-s2", "cifar10-a2-supervised-e300-s2",
            "cifar10-a2-fixmatch-e500", "cifar10-a2-supervised-e500", "cifar10-a2-flexmatch-e300",
            "cifar10-a2-fixmatch-w48-e300-s2", "cifar10-a2-supervised-w48-e300-s2", "cifar10-a2-fixmatch-ra-e300",
            "stl10-rehearsal", "cifar10-a2-airbench-aug-teacher", "cifar10-a2-airbench-aug-supervised",
            "cifar10-a2-airbench-aug-student", "cifar10-a2-airbench-fixmatch", "cifar10-a2-airbench-supervised-b64",
            "cifar10-a2-airbench-fixmatch-t095", "cifar10-a2-airbench-supervised-b64-ls0", "cifar10-a2-airbench-gelu-teacher",
            "cifar10-a2-airbench-gelu-student", "cifar10-a2-airbench-gelu-supervised",
            "cifar10-a2-airbench-fixmatch-gelu", "cifar10-a2-airbench-gelu-supervised-b64",
            "cifar10-a2-airbench-fixmatch-gelu-s2", "cifar10-a2-airbench-gelu-supervised-b64-s2");

    /** Where the two kinds live, as classpath folders. */
    static final String SHIPPED_DIR = "/recipes/", EXPERIMENTS_DIR = "/recipes/experiments/";

    /** Every recipe in the jar, shipped ones first. */
    public static List<String> all() {
        return Stream.concat(SHIPPED.stream(), EXPERIMENTS.stream()).toList();
    }

    /**
     * The recipe resource of this name ({@code .json} optional), shipped or experiment; null if the jar has none.
     * The caller closes the stream.
     */
    static InputStream open(String name) {
        String file = name + (name.endsWith(".json") ? "" : ".json");
        InputStream in = RecipeCatalog.class.getResourceAsStream(SHIPPED_DIR + file);
        return in != null ? in : RecipeCatalog.class.getResourceAsStream(EXPERIMENTS_DIR + file);
    }

    /** A description's first sentence: what {@code train --list} prints beside the name. */
    public static String summary(Recipe r) {
        String d = r.description().strip();
        int end = d.indexOf(". ");
        return end < 0 ? d : d.substring(0, end + 1);
    }

    /** {@code train --list}: one line per recipe, name and summary, the shipped ones first under their own heading. */
    public static List<String> listing() {
        int width = all().stream().mapToInt(String::length).max().orElse(0);
        String row = "  %-" + width + "s  %s";
        Stream<String> shipped = SHIPPED.stream().map(n -> row.formatted(n, summary(Recipe.load(n))));
        Stream<String> experiments = EXPERIMENTS.stream().map(n -> row.formatted(n, summary(Recipe.load(n))));
        return Stream.of(Stream.of("shipped (src/main/resources/recipes/):"), shipped,
                Stream.of("experiments (src/main/resources/recipes/experiments/):"), experiments)
                .flatMap(s -> s).toList();
    }
}
