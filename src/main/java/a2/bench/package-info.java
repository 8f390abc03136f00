/**
 * Throughput benchmarks: timed DL4J blocks of the recipes' networks (the VGG-style one and airbench's) for
 * {@code bench/run} (which alternates them with the identical PyTorch network), a per-layer DL4J profile, and the
 * arithmetic (FLOPs, peak, medians) behind the printed comparison.
 */
package a2.bench;
