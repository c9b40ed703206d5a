package io.octoplane.brain.job;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.octoplane.brain.agent.AgentProperties;
import io.octoplane.brain.agent.AgentSessions;
import io.octoplane.brain.config.BrainProperties;
import io.octoplane.brain.node.NodeService;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.agent.FrameCodec;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.unit.DataSize;

import static org.mockito.Mockito.mock;

/**
 * The job core of one brain, wired by hand against a real Redis: repository, events,
 * settle step and dispatcher (not started, so nothing runs in the background). Two of
 * them on one Redis are two brains.
 */
final class JobCoreParts implements AutoCloseable {

	final LettuceConnectionFactory connections;

	final StringRedisTemplate redis;

	final JobRepository repository;

	final JobEvents events;

	final JobSettler settler;

	final AgentSessions sessions = new AgentSessions();

	final NodeService nodes = mock(NodeService.class);

	final Dispatcher dispatcher;

	private final RedisMessageListenerContainer listeners;

	JobCoreParts(int port, Clock clock) {
		this.connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port));
		this.connections.afterPropertiesSet();
		this.connections.start();
		this.redis = new StringRedisTemplate(this.connections);
		this.listeners = JobEventListeners.ordered(this.connections);
		this.listeners.afterPropertiesSet();
		this.listeners.start();
		JsonMapper json = JsonMapper.builder().build();
		this.repository = new JobRepository(this.redis, json);
		this.events = new JobEvents(this.redis, this.listeners, json, this.repository);
		JobMetrics metrics = new JobMetrics(new SimpleMeterRegistry(), this.repository, this.nodes, clock);
		this.settler = new JobSettler(this.repository, this.events, new JobViews(this.repository), metrics);
		JobProperties properties = new JobProperties(Duration.ofSeconds(60), Duration.ofHours(24),
				DataSize.ofMegabytes(1), DataSize.ofMegabytes(1), 10000, DataSize.ofMegabytes(1), Duration.ofDays(7),
				Duration.ofDays(7), Duration.ofMillis(500), Duration.ofDays(7), Duration.ofSeconds(2),
				Duration.ofMillis(50));
		this.dispatcher = new Dispatcher(this.repository, this.settler, this.sessions, properties, agentProperties(),
				new BrainProperties("test", Path.of("data"), "", false), this.nodes, clock, metrics);
	}

	private static AgentProperties agentProperties() {
		return new AgentProperties(0, "127.0.0.1", "agent", Duration.ofSeconds(10), Duration.ofSeconds(25),
				Duration.ofSeconds(45), Duration.ofSeconds(20), FrameCodec.DEFAULT_MAX_FRAME_BYTES, 100,
				Duration.ofSeconds(30), 100, 8, 2000, Duration.ofSeconds(5));
	}

	/**
	 * A stored job with every target queued.
	 * @param targets the nodes
	 * @param maxConcurrency most nodes running at once
	 * @param maxErrors failures tolerated
	 * @param createdAt creation time, epoch millis
	 * @return the job
	 */
	static JobSpec spec(List<String> targets, int maxConcurrency, int maxErrors, long createdAt) {
		return new JobSpec(UUID.randomUUID().toString(), CommandMode.SHELL, "true", targets, 60_000, 1024, 60_000,
				maxConcurrency, maxErrors, false, false, createdAt, "/", 0, 0, List.of());
	}

	JobSpec create(JobSpec spec) {
		Map<String, Delivery> first = new LinkedHashMap<>();
		spec.targets()
			.forEach((node) -> first.put(node, Delivery.of(DeliveryState.QUEUED, null, spec.createdAtMillis())));
		this.repository.create(spec, first);
		return spec;
	}

	/**
	 * Listens on a job's channel the way any Redis client could, without counting as a
	 * follower.
	 * @param id the job
	 * @param messages receives each message
	 */
	void listen(String id, Consumer<String> messages) {
		this.listeners.addMessageListener(
				(message, pattern) -> messages.accept(new String(message.getBody(), StandardCharsets.UTF_8)),
				new ChannelTopic(JobEvents.channel(id)));
	}

	JobHeader header(String id) {
		return this.repository.header(id).orElseThrow();
	}

	DeliveryState state(String id, String node) {
		return this.repository.delivery(id, node).orElseThrow().deliveryState();
	}

	@Override
	public void close() {
		this.listeners.stop();
		this.connections.destroy();
	}

}
