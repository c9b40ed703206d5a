package io.octoplane.brain.redis;

import io.octoplane.testsupport.redis.RedisServerExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A real Redis of the test class's own (see {@link RedisServerExtension}) and a
 * {@link StringRedisTemplate} connected to it for the class's lifetime, for tests of
 * repositories and scripts that need Redis but no application context. Register it as a
 * static field with {@code @RegisterExtension}; {@link #flush()} empties Redis, typically
 * before each test.
 */
public final class RedisTemplateExtension implements BeforeAllCallback, AfterAllCallback {

	private final RedisServerExtension server = new RedisServerExtension();

	private @Nullable LettuceConnectionFactory connections;

	private @Nullable StringRedisTemplate template;

	/** The loopback port Redis listens on. */
	public int port() {
		return this.server.port();
	}

	/**
	 * The template, connected once the class's tests start.
	 * @return the template
	 * @throws IllegalStateException before the class's tests start or after they ended
	 */
	public StringRedisTemplate template() {
		StringRedisTemplate current = this.template;
		if (current == null) {
			throw new IllegalStateException("Redis is connected only while the test class runs");
		}
		return current;
	}

	/** Deletes every key. */
	public void flush() {
		template().execute((connection) -> {
			connection.serverCommands().flushAll();
			return null;
		}, true);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.server.beforeAll(context);
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", this.server.port()));
		factory.afterPropertiesSet();
		factory.start();
		this.connections = factory;
		this.template = new StringRedisTemplate(factory);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		LettuceConnectionFactory factory = this.connections;
		this.connections = null;
		this.template = null;
		if (factory != null) {
			factory.destroy();
		}
	}

}
