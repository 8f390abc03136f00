/**
 * Layers of our own for DL4J: batch normalization and ReLU as one layer that calls oneDNN's fused primitive
 * directly ({@link a2.model.layers.BatchNormRelu}), and the input permutation that lets a network run in NHWC
 * while callers keep handing it NCHW images ({@link a2.model.layers.NchwToNhwc}). Why: bench/README.md. Where
 * oneDNN does not load, or with {@code A2_PORTABLE=1}, every layer runs DL4J's own ops instead ({@link a2.backend.LayerPath}).
 */
package a2.model.layers;
