/**
 * Brain-wide settings and beans: identity, data folder, the injected clock.
 */
@NullMarked
package io.octoplane.brain.config;

import org.jspecify.annotations.NullMarked;
