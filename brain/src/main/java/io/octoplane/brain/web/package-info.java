/**
 * Limits of the brain's REST API (request body size). The error model itself, one problem
 * document shape for every failure, lives in {@code io.octoplane.server.web}, which the
 * nameserver shares.
 */
@NullMarked
package io.octoplane.brain.web;

import org.jspecify.annotations.NullMarked;
