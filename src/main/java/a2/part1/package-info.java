/**
 * Part 1 of the assignment (hand-derived backpropagation), as plain-double code with the writeup's formulas:
 * the sigmoid-min-max-sum graph of 1.1 and the shifted batch normalisation of 1.2; no DL4J, no state.
 */
package a2.part1;
