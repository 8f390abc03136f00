/**
 * Layers of our own for DL4J: batch normalization and ReLU as one layer that calls oneDNN's fused primitive
 * directly ({@link a2.model.layers.BatchNormRelu}), and the input permutation that lets a network run in NHWC
 * while callers keep handing it NCHW images ({@link a2.model.layers.NchwToNhwc}). Why: bench/README.md.
 */
package a2.model.layers;
