package io.octoplane.brain.history;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.octoplane.brain.redis.RedisTemplateExtension;
import io.octoplane.protocol.agent.NodeStatus;
import io.octoplane.protocol.api.NodeHistoryPoint;
import io.octoplane.protocol.api.NodeHistoryResponse;
import io.octoplane.testsupport.clock.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history rings against a real redis-server: a point a minute, quarter-hour averages,
 * bounded size however long a node reports.
 */
class NodeHistoryTests {

	@RegisterExtension
	static final RedisTemplateExtension redis = new RedisTemplateExtension();

	private static final long GIB = 1L << 30;

	private final MutableClock clock = new MutableClock();

	private NodeHistory history;

	@BeforeEach
	void connect() {
		redis.flush();
		this.history = new NodeHistory(redis.template(), this.clock);
	}

	@Test
	void aMinuteKeepsItsFirstHeartbeatOnly() {
		this.history.record("pi1", status(0.5, 2, 10), 12_000, this.clock.instant());
		this.history.record("pi1", status(9.0, 8, 90), 99_000, this.clock.instant().plusSeconds(10));
		NodeHistoryResponse hour = this.history.read("pi1", HistoryRange.HOUR);
		assertThat(hour.stepSeconds()).isEqualTo(60);
		assertThat(hour.points()).singleElement().satisfies((point) -> {
			assertThat(point.cpuLoad()).isEqualTo(0.5);
			assertThat(point.memoryUsage()).isEqualTo(25.0);
			assertThat(point.diskUsage()).isEqualTo(10.0);
			assertThat(point.delayMillis()).isEqualTo(12);
		});
	}

	@Test
	void aQuarterHourAveragesItsMinutes() {
		for (int minute = 0; minute < 15; minute++) {
			this.history.record("pi1", status(minute, 4, 50), -1, this.clock.instant());
			this.clock.advance(Duration.ofMinutes(1));
		}
		List<NodeHistoryPoint> week = this.history.read("pi1", HistoryRange.WEEK).points();
		assertThat(week).singleElement().satisfies((point) -> {
			assertThat(point.cpuLoad()).isEqualTo(7.0);
			assertThat(point.memoryUsage()).isEqualTo(50.0);
			assertThat(point.delayMillis()).isNull();
		});
		assertThat(this.history.read("pi1", HistoryRange.HOUR).points()).hasSize(15);
	}

	@Test
	void aWeekOfHeartbeatsStaysWithinTheRings() {
		for (int minute = 0; minute < 8 * 24 * 60; minute++) {
			this.history.record("pi1", status(1.25, 3, 40), 5_000, this.clock.instant());
			this.clock.advance(Duration.ofMinutes(1));
		}
		this.clock.advance(Duration.ofMinutes(-1));
		assertThat(this.history.read("pi1", HistoryRange.HOUR).points()).hasSize(60);
		assertThat(this.history.read("pi1", HistoryRange.DAY).points()).hasSize(1440);
		assertThat(this.history.read("pi1", HistoryRange.WEEK).points()).hasSizeBetween(672, 673)
			.allSatisfy((point) -> assertThat(point.cpuLoad()).isEqualTo(1.25));
		assertThat(length(NodeHistory.minuteKey("pi1"))).isEqualTo(1440L * HistoryPoints.RECORD_BYTES);
		assertThat(length(NodeHistory.quarterKey("pi1"))).isEqualTo(672L * HistoryPoints.RECORD_BYTES);
		long bytes = memoryUsage(NodeHistory.minuteKey("pi1")) + memoryUsage(NodeHistory.quarterKey("pi1"));
		assertThat(bytes).isLessThan(40_000);
	}

	@Test
	void forgettingANodeDeletesItsRings() {
		this.history.record("pi1", status(1, 1, 1), 1_000, this.clock.instant());
		this.history.forget("pi1");
		assertThat(redis.template().hasKey(NodeHistory.minuteKey("pi1"))).isFalse();
		assertThat(this.history.read("pi1", HistoryRange.DAY).points()).isEmpty();
	}

	private long length(String key) {
		return redis.template()
			.execute((RedisCallback<Long>) (connection) -> connection.stringCommands()
				.strLen(key.getBytes(StandardCharsets.UTF_8)));
	}

	private long memoryUsage(String key) {
		Long bytes = redis.template()
			.execute(RedisScript.of("return redis.call('MEMORY', 'USAGE', KEYS[1])", Long.class), List.of(key));
		System.out.println("MEMORY USAGE " + key + " = " + bytes);
		return bytes;
	}

	private static NodeStatus status(double load, int memoryGib, int diskPercent) {
		return new NodeStatus(4, load, load, load, memoryGib * GIB, 8 * GIB, diskPercent * GIB, 100 * GIB, 3600, 0);
	}

}
