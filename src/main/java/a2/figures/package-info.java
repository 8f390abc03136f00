/**
 * The writeup's figures and generated LaTeX: filter grids, augmentation grids, t-SNE maps with k-NN scores and the t-SNE image map, training
 * curves, confusion matrices, McNemar's test and the tables/macros, all rendered in memory and written as
 * deterministic PNG and {@code .tex} files. Reads models, logs and data; nothing reads back from here.
 */
package a2.figures;
