package a2.recipe;

import java.util.List;

/**
 * The finished model, or models, that label the unlabeled pool for {@code noisy-student}. Several models label it
 * as an ensemble: the mean of their softmax outputs, the cheapest way to a teacher better than any one of them.
 *
 * @param models    the teacher models, each pinned by recipe name and SHA-256
 * @param perClass  pseudo-labeled pool: per predicted class, this many images the teacher is most confident of
 *                  (all of that class when it predicts fewer), so no class can take over the pool
 * @param soft      train on the teacher's probabilities (distillation) rather than one-hot labels of its argmax:
 *                  an image the teacher is unsure of then says so, instead of being left out or taught as certain
 * @param images    which images the teacher labels for the student: {@link #UNLABELED} or, as a control,
 *                  {@link #LABELED} (the training split's labeled images)
 */
public record Teacher(List<Member> models, int perClass, boolean soft, String images) {
    /** The teacher labels the unlabeled pool: the semi-supervised recipes. */
    public static final String UNLABELED = "unlabeled";
    /**
     * The teacher labels the labeled training images instead (their own labels stay in the labeled batch): a
     * control that keeps everything but the unlabeled images, to measure what they add.
     */
    public static final String LABELED = "labeled";

    public Teacher {
        Recipe.require(models != null && !models.isEmpty(), "semi.teacher.models must name at least one model");
        models = List.copyOf(models);
        Recipe.require(models.stream().map(Member::recipe).distinct().count() == models.size(),
                "semi.teacher.models names a recipe twice");
        Recipe.require(perClass >= 1, "semi.teacher.perClass must be >= 1");
        Recipe.require(UNLABELED.equals(images) || LABELED.equals(images),
                "semi.teacher.images must be \"" + UNLABELED + "\" or \"" + LABELED + "\", got " + images);
    }

    /** A teacher of the unlabeled pool. */
    public Teacher(List<Member> models, int perClass, boolean soft) {
        this(models, perClass, soft, UNLABELED);
    }

    public boolean labelsUnlabeledImages() {
        return UNLABELED.equals(images);
    }

    /** One finished model with hard labels: the Noisy Student recipe's teacher. */
    public static Teacher single(String recipe, String sha256, int perClass) {
        return new Teacher(List.of(new Member(recipe, sha256)), perClass, false);
    }

    /** The teacher recipes' names joined with "+", for logs and provenance. */
    public String names() {
        return String.join("+", models.stream().map(Member::recipe).toList());
    }

    /**
     * One teacher model.
     *
     * @param recipe  name of the recipe that trained it; its model is {@code checkpoints/final/<recipe>/model.a2model}
     * @param sha256  SHA-256 of that model file: a run refuses any other teacher, so the recipe fixes the labels
     */
    public record Member(String recipe, String sha256) {
        public Member {
            Recipe.require(recipe != null && recipe.matches("[a-z0-9][a-z0-9._-]*"), "semi.teacher.models[].recipe must name a recipe, got " + recipe);
            Recipe.require(sha256 != null && sha256.matches("[0-9a-f]{64}"), "semi.teacher.models[].sha256 must be 64 lower-case hex digits, got " + sha256);
        }
    }
}
