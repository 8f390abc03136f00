/**
 * Training: the supervised and self-training loops over one recipe, deterministic batches, pseudo-labels,
 * checkpoints that resume to the exact same weights, the per-epoch log and the provenance of every run.
 */
package a2.train;
