/**
 * The network and its file: the convnet built from a recipe, the learning-rate schedule, the preprocessing
 * fitted on the training split, and the model file that carries network, preprocessing and provenance together.
 */
package a2.model;
