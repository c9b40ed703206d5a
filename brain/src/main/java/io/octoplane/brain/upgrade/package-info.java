/**
 * Online upgrade of the brain itself, with the launcher, upgrade home and signed releases
 * tentacles use ({@code io.octoplane.upgrade}). The brain runs as the launcher's child
 * ({@code java -jar brain.jar upgrade --home DIR launch -- <brain args>}), reports itself
 * healthy once Redis answers and its agent port listens, and offers the upgrade commands
 * to root operators over its REST API, acting on its own home. The brain restarts when it
 * switches versions; with several brains on one Redis its tentacles reconnect to another
 * one meanwhile, so a fleet upgrades its brains one at a time.
 */
@NullMarked
package io.octoplane.brain.upgrade;

import org.jspecify.annotations.NullMarked;
