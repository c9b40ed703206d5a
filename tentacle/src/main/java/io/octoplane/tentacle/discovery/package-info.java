/**
 * Finding the brain through the nameserver. The order of preference on each dial:
 *
 * <pre>
 *   cached address (last one that completed a handshake), unless it just failed
 *     -> nameserver query (GET /api/v1/names/{service}, node certificate)
 *       -> on nameserver failure: cached address, then the configured brain address
 *         -> nothing known: the dial fails and the tentacle backs off and asks again
 * </pre>
 *
 * The cache lives in the tentacle's data folder and survives restarts, so the nameserver
 * is never a hard start-up dependency once the tentacle has connected once.
 */
@NullMarked
package io.octoplane.tentacle.discovery;

import org.jspecify.annotations.NullMarked;
