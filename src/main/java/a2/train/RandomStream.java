package a2.train;

/**
 * Every random stream of training and of the figures, each with its own number: {@link Seeds#derive} mixes the
 * number into the run's seed, so two streams never replay each other's draws. The numbers are part of what a recipe
 * computes: changing one changes the weights (or the figures) of every run. 4 and 5 were streams of earlier
 * versions of the trainer and are left unused.
 */
public enum RandomStream {
    /** The order of the labeled images, per epoch. */
    SHUFFLE(1),
    /** Augmentation of the labeled (and self-training's pseudo-labeled) images, per step. */
    AUGMENT(2),
    /** ND4J's generator for the dropout masks, per step. */
    DROPOUT(3),
    /** The order in which FixMatch and Noisy Student draw unlabeled images, per pass over the pool. */
    UNLABELED(6),
    /** Weak and strong views of the unlabeled images, per step. */
    AUGMENT_UNLABELED(7),
    /** The augmentation figures' draws (the weak and the strong view share it). */
    FIGURE_AUGMENT(101),
    /** The STL-10 sample's augmentation figure. */
    FIGURE_STL_AUGMENT(102),
    /** t-SNE's initial map. */
    FIGURE_TSNE(103),
    /** Which validation images the t-SNE maps embed. */
    FIGURE_SUBSET(104),
    /** Which training images the augmentation figure shows. */
    FIGURE_PICK(105),
    /** {@code figures --model}: which validation images one model's t-SNE shows. */
    MODEL_FIGURE_SUBSET(201),
    /** {@code figures --model}: that t-SNE's own draws. */
    MODEL_FIGURE_TSNE(202);

    /** The number mixed into the seed; fixed once given (see the class comment). */
    public final long id;

    RandomStream(long id) {
        this.id = id;
    }
}
