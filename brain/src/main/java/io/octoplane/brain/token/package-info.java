/**
 * API tokens for scripts and join tokens for enrolling nodes. Only a SHA-256 hash of each
 * secret is stored, so a copy of Redis does not hand out working tokens.
 */
@NullMarked
package io.octoplane.brain.token;

import org.jspecify.annotations.NullMarked;
