package io.octoplane.server.redis;

/**
 * The one place that spells Octoplane's Redis key prefix. Every key of brain and
 * nameserver starts with it, so an operator can find, count or drop Octoplane's data in a
 * shared Redis with one pattern ({@code octoplane:*}).
 */
public final class RedisKeys {

	/** The prefix of every key, {@code octoplane:}. */
	public static final String PREFIX = "octoplane:";

	private RedisKeys() {
	}

}
