/**
 * The native compute backend: picks the fastest ND4J build this CPU can run (oneDNN/AVX-512, else generic),
 * enables DL4J's oneDNN layer helpers, fixes the thread count, and reports what is active.
 */
package a2.backend;
