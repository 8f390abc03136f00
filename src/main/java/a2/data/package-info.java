/**
 * Dataset files to images in memory: the STL-10 binary release and A2 image folders (or their
 * {@code .tar.xz}) behind one {@link a2.data.Dataset} shape, the compact decode cache, the seeded
 * train/validation split, and where data is looked for.
 */
package a2.data;
