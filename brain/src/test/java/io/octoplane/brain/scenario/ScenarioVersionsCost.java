package io.octoplane.brain.scenario;

import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Measures what scenario versions cost: records, head reads, history pages and prefix
 * lookups, in milliseconds per operation, against whichever store this build's
 * {@link ScenarioVersions} uses (a folder on disk in older builds, Redis now). Not a
 * test: run by hand, figures go to docs/benchmarks.md. Arguments: Redis port, versions.
 */
final class ScenarioVersionsCost {

	private ScenarioVersionsCost() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		int count = Integer.parseInt(args[1]);
		LettuceConnectionFactory connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		connections.afterPropertiesSet();
		connections.start();
		StringRedisTemplate redis = new StringRedisTemplate(connections);
		ScenarioVersions versions = create(redis, Files.createTempDirectory("versions-cost-"));
		Map<String, String> nodeapps = new TreeMap<>();
		for (int i = 0; i < 50; i++) {
			nodeapps.put("app@node" + i, "0123456789abcdef0123456789abcdef0123456" + (i % 10));
		}
		byte[] deployment = "name: cost\napps:\n".repeat(40).getBytes();
		String last = "";
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			last = versions.record("/", "cost", deployment, null, nodeapps, "v" + i, "bench");
		}
		report("record", start, count);
		start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			versions.head("/", "cost").orElseThrow();
		}
		report("head", start, count);
		start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			versions.list("/", "cost", 0, 20);
		}
		report("list 20", start, count);
		start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			versions.resolve("/", "cost", last.substring(0, 8));
		}
		report("resolve", start, count);
		connections.destroy();
	}

	private static ScenarioVersions create(StringRedisTemplate redis, Path data) throws Exception {
		Constructor<?> constructor = ScenarioVersions.class.getDeclaredConstructors()[0];
		Class<?> first = constructor.getParameterTypes()[0];
		Object argument = first.isInstance(redis) ? redis
				: first.getConstructors()[0].newInstance("cost", data, "", true);
		return (ScenarioVersions) constructor.newInstance(argument, JsonMapper.builder().build());
	}

	private static void report(String what, long start, int count) {
		double millis = (System.nanoTime() - start) / 1e6 / count;
		System.out.printf("%-8s %8.3f ms/op%n", what, millis);
	}

}
