/**
 * The command line: picocli commands that parse arguments, call the capability packages and map results
 * and exceptions to the exit codes in {@link a2.cli.ExitCode}. No logic lives here that a test cannot call directly.
 */
package a2.cli;
