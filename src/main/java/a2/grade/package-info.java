/**
 * Grading a class: a roster of teams, each regenerated from its hosted model in its own child JVM under a
 * wall-clock and memory limit, compared with its submission, scored against the labels, and written as grades
 * files, a leaderboard and one report per team; results are keyed by their inputs' hashes, so reruns are cheap.
 */
package a2.grade;
