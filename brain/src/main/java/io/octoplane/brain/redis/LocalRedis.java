package io.octoplane.brain.redis;

import org.jspecify.annotations.Nullable;

/**
 * The loopback Redis the brain uses when none is configured, and the child process behind
 * it if the brain started one.
 *
 * @param port its port on 127.0.0.1
 * @param password the password to give, or {@code null} when it needs none
 * @param server the child process, or {@code null} when another process runs it
 */
public record LocalRedis(int port, @Nullable String password,
		@Nullable LocalRedisServer server) implements AutoCloseable {

	/** Whether this brain started the server itself. */
	public boolean startedHere() {
		return this.server != null;
	}

	@Override
	public String toString() {
		return "LocalRedis[port=" + this.port + ", startedHere=" + startedHere() + "]";
	}

	@Override
	public void close() {
		if (this.server != null) {
			this.server.close();
		}
	}

}
