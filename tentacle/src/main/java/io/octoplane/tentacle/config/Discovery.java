package io.octoplane.tentacle.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a tentacle finds its brain through the nameserver.
 *
 * @param nameserver the nameserver's HTTPS address, for example
 * {@code https://ns.example:3455}
 * @param service the name the brain registered under, {@code brain} by default
 * @param cache the file that keeps the last brain address that worked, in the tentacle's
 * data folder
 */
public record Discovery(URI nameserver, String service, Path cache) {

	/** The service name brains register under unless configured otherwise. */
	public static final String DEFAULT_SERVICE = "brain";

	/** Where the cache lives when not configured, relative to the workspace. */
	public static final String DEFAULT_CACHE = ".octoplane/brain-address";

	public Discovery {
		Objects.requireNonNull(nameserver, "nameserver must not be null");
		Objects.requireNonNull(service, "service must not be null");
		Objects.requireNonNull(cache, "cache must not be null");
		if (!"https".equals(nameserver.getScheme()) || nameserver.getHost() == null) {
			throw new TentacleConfigException("nameserver '" + nameserver + "' must be an https:// URL with a host");
		}
		if (service.isBlank()) {
			throw new TentacleConfigException("brainService must not be blank");
		}
	}

}
