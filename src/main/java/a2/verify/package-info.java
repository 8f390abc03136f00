/**
 * The leaderboard submission file ({@code Id,Prediction}) and everything that checks it: the one writer, the
 * strict validator, the top-2 scores file, the comparison of a submission with a regenerated file, and scoring
 * against ground truth.
 */
package a2.verify;
