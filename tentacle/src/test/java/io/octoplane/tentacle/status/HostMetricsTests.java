package io.octoplane.tentacle.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.octoplane.protocol.agent.NodeStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class HostMetricsTests {

	@TempDir
	Path workspace;

	private final Clock clock = Clock.fixed(Instant.ofEpochMilli(123_456), ZoneOffset.UTC);

	@Test
	void sampleDescribesThisHost() throws IOException {
		NodeStatus status = new HostMetrics(this.workspace, this.clock).sample();
		assertThat(status.cpuCores()).isPositive();
		assertThat(status.memoryTotalBytes()).isPositive();
		assertThat(status.memoryUsedBytes()).isBetween(0L, status.memoryTotalBytes());
		assertThat(status.diskTotalBytes()).isPositive();
		assertThat(status.diskUsedBytes()).isBetween(0L, status.diskTotalBytes());
		assertThat(status.uptimeSeconds()).isPositive();
		assertThat(status.localTimeMillis()).isEqualTo(123_456);
	}

	@Test
	void workspaceThatDoesNotExistYetReportsItsParentFileSystem() {
		assertThat(new HostMetrics(this.workspace.resolve("not/yet"), this.clock).get()).isNotNull();
	}

	@Test
	void figuresComeFromProc() throws IOException {
		Path proc = Files.createDirectories(this.workspace.resolve("proc"));
		Files.writeString(proc.resolve("loadavg"), "0.50 0.25 0.10 1/200 4242\n");
		Files.writeString(proc.resolve("meminfo"),
				"MemTotal:        2048 kB\nMemFree:          512 kB\nMemAvailable:    1536 kB\n");
		Files.writeString(proc.resolve("uptime"), "3600.75 7000.00\n");
		Files.writeString(proc.resolve("cpuinfo"), "processor\t: 0\nmodel name\t: x\n\nprocessor\t: 1\n");
		NodeStatus status = new HostMetrics(proc, this.workspace, this.clock).sample();
		assertThat(status.cpuCores()).isEqualTo(2);
		assertThat(status.load1()).isEqualTo(0.5);
		assertThat(status.load15()).isEqualTo(0.1);
		assertThat(status.memoryTotalBytes()).isEqualTo(2048 * 1024);
		assertThat(status.memoryUsedBytes()).isEqualTo(512 * 1024);
		assertThat(status.uptimeSeconds()).isEqualTo(3600);
	}

	@Test
	void unreadableProcGivesNoStatusRatherThanAnError() {
		assertThat(new HostMetrics(this.workspace.resolve("no-proc"), this.workspace, this.clock).get()).isNull();
	}

}
