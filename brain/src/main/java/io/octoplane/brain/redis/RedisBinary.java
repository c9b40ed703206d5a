package io.octoplane.brain.redis;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The redis-server binary a local Redis runs, and where it was found.
 *
 * @param path the executable
 * @param source where it came from, which decides whether the brain warns about it
 */
record RedisBinary(Path path, Source source) {

	RedisBinary {
		Objects.requireNonNull(path, "path must not be null");
		Objects.requireNonNull(source, "source must not be null");
	}

	/** Where a redis-server binary comes from, in the order they are tried. */
	enum Source {

		/** Named by {@code octoplane.redis.local.binary} (or by the caller). */
		CONFIGURED,

		/** Installed on the machine: on the PATH or in a usual system folder. */
		SYSTEM,

		/**
		 * The copy inside the embedded-redis jar: an old Redis kept only so that a first
		 * trial needs nothing installed.
		 */
		BUNDLED

	}

}
