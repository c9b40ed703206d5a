package io.octoplane.testsupport.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.octoplane.testsupport.ports.FreePorts;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.containers.GenericContainer;

/**
 * Runs a real Redis on a free 127.0.0.1 port: a local redis-server with its data in a
 * temporary folder, or a container where {@link RedisMode} says so. Register it as a
 * static field with {@code @RegisterExtension}; the port is known as soon as the field is
 * initialised, so {@code @DynamicPropertySource} methods can read it. The server outlives
 * the test class and stops when the test JVM exits, because Spring caches application
 * contexts (and their Redis connections) across classes.
 */
public final class RedisServerExtension implements BeforeAllCallback {

	private final int port = FreePorts.take();

	private final @Nullable Path dataDir;

	private final @Nullable GenericContainer<?> container;

	private volatile @Nullable RedisProcess server;

	public RedisServerExtension() {
		if (RedisMode.selected() == RedisMode.CONTAINER) {
			this.dataDir = null;
			GenericContainer<?> started = RedisContainers.server(this.port);
			this.container = started;
			Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
			return;
		}
		this.container = null;
		try {
			this.dataDir = Files.createTempDirectory("octoplane-redis-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server = RedisProcess.start(this.port, this.dataDir);
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
	}

	/** The loopback port Redis listens on. */
	public int port() {
		return this.port;
	}

	/** Stops Redis (it flushes its append-only file first). */
	public void stop() {
		if (this.container != null) {
			if (this.container.isRunning()) {
				RedisContainers.stop(this.container);
			}
			return;
		}
		RedisProcess running = this.server;
		if (running != null) {
			running.close();
		}
	}

	/** Starts Redis again on the same port with the same data. */
	public void start() {
		if (this.container != null) {
			RedisContainers.restart(this.container, this.port);
			return;
		}
		if (this.dataDir != null) {
			this.server = RedisProcess.start(this.port, this.dataDir);
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		if (!isAlive()) {
			start();
		}
	}

	private boolean isAlive() {
		if (this.container != null) {
			return this.container.isRunning();
		}
		RedisProcess running = this.server;
		return running != null && running.isAlive();
	}

}
