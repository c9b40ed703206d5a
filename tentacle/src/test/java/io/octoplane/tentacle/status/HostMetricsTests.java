package io.octoplane.tentacle.status;

import java.io.IOException;
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

}
