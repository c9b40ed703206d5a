package io.octoplane.brain.node;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.octoplane.brain.redis.RedisTemplateExtension;
import io.octoplane.protocol.agent.Facts;
import io.octoplane.protocol.selector.Selector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class NodeSelectionTests {

	@RegisterExtension
	static final RedisTemplateExtension redisServer = new RedisTemplateExtension();

	private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

	private static final Set<String> ALL = Set.of("pi1", "pi2", "cam1", "srv1");

	private static StringRedisTemplate redis;

	private NodeDescriptionRepository descriptions;

	private NodeSelection selection;

	@BeforeAll
	static void connect() {
		redis = redisServer.template();
	}

	@BeforeEach
	void fleet() {
		redisServer.flush();
		this.descriptions = new NodeDescriptionRepository(redis, JsonMapper.builder().build());
		this.selection = new NodeSelection(redis, new SimpleMeterRegistry());
		report("pi1", Map.of("site", "lab", "role", "sensor"), "debian", "aarch64", 4L << 30);
		report("pi2", Map.of("site", "lab", "role", "sensor"), "debian", "armv7l", 1L << 30);
		report("cam1", Map.of("site", "lab", "role", "camera"), "debian", "armv7l", 512L << 20);
		report("srv1", Map.of("site", "dc"), "ubuntu", "amd64", 64L << 30);
	}

	@Test
	void everyOperatorSelectsFromTheIndexesAsTheSelectorReads() {
		assertSelects("site=lab", "cam1", "pi1", "pi2");
		assertSelects("site==dc", "srv1");
		assertSelects("role!=camera", "pi1", "pi2", "srv1");
		assertSelects("arch in (aarch64,armv7l)", "cam1", "pi1", "pi2");
		assertSelects("arch notin (armv7l)", "pi1", "srv1");
		assertSelects("role", "cam1", "pi1", "pi2");
		assertSelects("!role", "srv1");
		assertSelects("facts.memory_total>2GiB", "pi1", "srv1");
		assertSelects("facts.memory_total>=1Gi", "pi1", "pi2", "srv1");
		assertSelects("facts.memory_total<1Gi", "cam1");
		assertSelects("facts.memory_total<=1GiB", "cam1", "pi2");
		assertSelects("os=debian,role!=camera,facts.memory_total>2GiB", "pi1");
		assertSelects("site=nowhere");
	}

	@Test
	void aPlainKeyReadsTheFactUnlessALabelOfThatKeyHidesIt() {
		assertSelects("os=debian", "cam1", "pi1", "pi2");
		this.descriptions.changeLabels("pi1", Map.of("os", "custom"), List.of());
		assertSelects("os=debian", "cam1", "pi2");
		assertSelects("os=custom", "pi1");
		assertSelects("facts.os=debian", "cam1", "pi1", "pi2");
		assertSelects("cpu_count>2", "cam1", "pi1", "pi2", "srv1");
	}

	@Test
	void operatorLabelsOverrideConfigLabelsAndSurviveAFreshReport() {
		this.descriptions.changeLabels("pi2", Map.of("role", "gateway", "rack", "a1"), List.of());
		assertSelects("role=gateway", "pi2");
		report("pi2", Map.of("site", "lab", "role", "sensor"), "debian", "armv7l", 1L << 30);
		assertSelects("role=gateway,rack=a1", "pi2");
		assertThat(this.descriptions.labels("pi2").config()).containsEntry("role", "sensor");
		this.descriptions.changeLabels("pi2", Map.of(), List.of("role", "rack"));
		assertSelects("role=sensor", "pi1", "pi2");
		assertSelects("rack");
	}

	@Test
	void aChangedFactMovesTheNodeBetweenIndexEntries() {
		report("cam1", Map.of("site", "home"), "debian", "armv7l", 8L << 30);
		assertSelects("site=lab", "pi1", "pi2");
		assertSelects("site=home", "cam1");
		assertSelects("role", "pi1", "pi2");
		assertSelects("facts.memory_total>2GiB", "cam1", "pi1", "srv1");
	}

	@Test
	void neverSelectsANodeOutsideTheVisibleSet() {
		assertThat(this.selection.select(Selector.parse("site=lab"), Set.of("pi1", "srv1"))).containsExactly("pi1");
		assertThat(this.selection.select(Selector.parse("!gpu"), Set.of("srv1"))).containsExactly("srv1");
		assertThat(this.selection.select(Selector.parse("role!=camera"), Set.of())).isEmpty();
	}

	@Test
	void aDroppedNodeLeavesNoIndexEntryBehind() {
		for (String node : ALL) {
			this.descriptions.delete(node);
		}
		assertThat(redis.keys("octoplane:*")).isEmpty();
	}

	@Test
	void factsKeepScriptErrorsAndWhenTheyArrived() {
		this.descriptions.record("pi1",
				new Facts(Map.of("os", "debian"), Map.of(), Map.of("slow.sh", "timed out after 10s"), 0), NOW);
		assertThat(this.descriptions.facts("pi1").errors()).containsEntry("slow.sh", "timed out after 10s");
		assertThat(this.descriptions.facts("pi1").reportedAt()).isEqualTo(NOW);
		assertThat(this.descriptions.facts("pi1").facts()).containsOnlyKeys("os");
	}

	private void report(String node, Map<String, String> labels, String os, String arch, long memory) {
		this.descriptions.record(node, new Facts(Map.of("os", os, "arch", arch, "memory_total", Long.toString(memory),
				"cpu_count", "4", "hostname", node), labels, Map.of(), NOW.toEpochMilli()), NOW);
	}

	private void assertSelects(String selector, String... nodes) {
		assertThat(this.selection.select(Selector.parse(selector), ALL)).as(selector).containsExactly(nodes);
	}

}
