/**
 * What this node is, told to the brain in a {@link io.octoplane.protocol.agent.Facts}
 * frame after each Welcome and whenever it changes: built-in facts read from
 * {@code /proc}, {@code /etc/os-release} and the JDK, the output of custom fact scripts,
 * and the labels of tentacle.yaml.
 */
@NullMarked
package io.octoplane.tentacle.facts;

import org.jspecify.annotations.NullMarked;
