/**
 * Throughput benchmarks: timed DL4J blocks of the recipe's network for {@code bench/run} (which alternates them
 * with the identical PyTorch network), a per-layer DL4J profile, and the arithmetic (FLOPs, peak, medians) behind
 * the printed comparison.
 */
package a2.bench;
