/**
 * Files and bytes: atomic writes (temp file + rename), hashing, and the two exception types that map to
 * exit codes 2 (invalid input) and 3 (integrity or I/O).
 */
package a2.io;
