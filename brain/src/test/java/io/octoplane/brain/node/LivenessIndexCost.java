package io.octoplane.brain.node;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Measures what the liveness index costs a listing as the fleet grows: the counts by
 * state, every node's state, and, for comparison, reading the whole sorted set with its
 * scores as listings did before the index held deadlines. 1 % of the nodes are late and 1
 * % offline. Not a test: run by hand, figures go to docs/benchmarks.md. Arguments: Redis
 * port, then fleet sizes.
 */
final class LivenessIndexCost {

	private static final int RUNS = 200;

	private LivenessIndexCost() {
	}

	public static void main(String[] args) {
		LettuceConnectionFactory connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", Integer.parseInt(args[0])));
		connections.afterPropertiesSet();
		connections.start();
		StringRedisTemplate redis = new StringRedisTemplate(connections);
		NodePace pace = new NodePace(10_000, Duration.ofSeconds(25), Duration.ofSeconds(45));
		Instant now = Instant.parse("2026-12-07T12:00:00Z");
		for (int a = 1; a < args.length; a++) {
			int nodes = Integer.parseInt(args[a]);
			redis.execute((RedisCallback<Object>) (connection) -> {
				connection.serverCommands().flushAll();
				return null;
			});
			LivenessIndex index = new LivenessIndex(redis);
			for (int i = 0; i < nodes; i++) {
				String name = String.format(Locale.ROOT, "sim%06d", i);
				redis.opsForSet().add(NodeRepository.NODES_KEY, name);
				Instant seen = (i % 100 == 1) ? now.minusSeconds(30) : now.minusSeconds(i % 10);
				index.connected(name, pace, seen);
				if (i % 100 == 2) {
					index.disconnected(name);
				}
			}
			long start = System.nanoTime();
			for (int i = 0; i < RUNS; i++) {
				index.counts(now);
			}
			double counts = (System.nanoTime() - start) / 1e6 / RUNS;
			start = System.nanoTime();
			for (int i = 0; i < RUNS; i++) {
				index.at(now);
			}
			double states = (System.nanoTime() - start) / 1e6 / RUNS;
			start = System.nanoTime();
			for (int i = 0; i < RUNS; i++) {
				redis.opsForZSet().rangeWithScores(LivenessIndex.OFFLINE_KEY, 0, -1);
			}
			double whole = (System.nanoTime() - start) / 1e6 / RUNS;
			System.out.printf(Locale.ROOT, "nodes %d: counts %.3f ms, every state %.3f ms, whole set %.3f ms%n", nodes,
					counts, states, whole);
		}
		connections.destroy();
	}

}
