package io.octoplane.testsupport.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.octoplane.testsupport.ports.FreePorts;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a real redis-server on a free 127.0.0.1 port, with its data in a temporary folder.
 * Register it as a static field with {@code @RegisterExtension}; the port is known as
 * soon as the field is initialised, so {@code @DynamicPropertySource} methods can read
 * it. The server outlives the test class and stops when the test JVM exits, because
 * Spring caches application contexts (and their Redis connections) across classes.
 */
public final class RedisServerExtension implements BeforeAllCallback {

	private final int port = FreePorts.take();

	private final Path dataDir;

	private volatile RedisProcess server;

	public RedisServerExtension() {
		try {
			this.dataDir = Files.createTempDirectory("octoplane-redis-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server = RedisProcess.start(this.port, this.dataDir);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> this.server.close()));
	}

	/** The loopback port Redis listens on. */
	public int port() {
		return this.port;
	}

	/** Stops Redis (it flushes its append-only file first). */
	public void stop() {
		this.server.close();
	}

	/** Starts Redis again on the same port with the same data. */
	public void start() {
		this.server = RedisProcess.start(this.port, this.dataDir);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (!this.server.isAlive()) {
			start();
		}
	}

}
