/**
 * The {@code certs} command line: creates the CA and issues server, node and operator
 * certificates as PEM files, and shows what a certificate file holds. Exit status 0 means
 * success, 1 a failure (including a refusal to overwrite without {@code --force}) and 2
 * invalid input.
 */
@NullMarked
package io.octoplane.certs.cli;

import org.jspecify.annotations.NullMarked;
