/**
 * Training: one recipe's run, supervised steps plus its semi-supervised method (self-training, FixMatch and
 * FlexMatch, Noisy Student: one {@code SemiMethod} each), deterministic batches from named random streams,
 * checkpoints that resume to the exact same weights, the per-epoch log and the provenance of every run.
 */
package a2.train;
