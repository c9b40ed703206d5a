/**
 * The tentacle's settings: one {@link io.octoplane.tentacle.config.TentacleConfig}
 * record, merged from the YAML file, {@code OCTOPLANE_*} environment variables and
 * command-line flags (in rising order of precedence) and validated once, so a
 * misconfigured agent stops at start-up with one clear line instead of failing on its
 * first dial.
 */
@NullMarked
package io.octoplane.tentacle.config;

import org.jspecify.annotations.NullMarked;
