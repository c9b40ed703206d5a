/**
 * File distribution: what file commands carry (the JSON text of a
 * {@link io.octoplane.protocol.agent.RunCommand} of a file mode), what they answer, and
 * the tar format folders travel in, with the path rules both ends enforce.
 */
@NullMarked
package io.octoplane.protocol.file;

import org.jspecify.annotations.NullMarked;
