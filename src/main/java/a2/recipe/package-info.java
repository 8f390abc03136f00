/**
 * The training recipe: one immutable, validated record per experiment, loaded from a versioned JSON file
 * (src/main/resources/recipes: the shipped ones; recipes/experiments: the rest, {@link a2.recipe.RecipeCatalog}).
 * Command-line flags choose files and folders, never hyperparameters.
 */
package a2.recipe;
