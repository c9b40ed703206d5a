/**
 * The brain: the control plane server. Operators call its HTTPS REST API; tentacles dial
 * its mutual-TLS agent port; its state lives in Redis. Features live in their own
 * packages: {@code node}, {@code command}, {@code agent}; cross-cutting parts in
 * {@code web} (problem details), {@code security}, {@code redis} and {@code config}.
 */
@NullMarked
package io.octoplane.brain;

import org.jspecify.annotations.NullMarked;
