package io.octoplane.protocol.api;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Latest host metrics of one node, from its last heartbeat. Percentages are 0 to 100.
 *
 * @param name node name
 * @param platform operating system and architecture, for example {@code Linux 6.1 amd64}
 * @param cpuCores logical processors
 * @param localTime the node's clock when the sample was taken
 * @param cpuAverage1 load average over 1 minute (-1 where the OS has none)
 * @param cpuAverage5 load average over 5 minutes
 * @param cpuAverage15 load average over 15 minutes
 * @param memoryUsed memory in use, bytes
 * @param memoryTotal memory installed, bytes
 * @param memoryUsage memory in use, percent
 * @param diskUsed used bytes of the workspace file system
 * @param diskTotal size of the workspace file system, bytes
 * @param diskUsage disk in use, percent
 * @param uptimeSeconds seconds since the node booted
 */
public record NodeStatusInfo(String name, String platform, @JsonProperty("cpu_cores") int cpuCores,
		@JsonProperty("local_time") Instant localTime, @JsonProperty("cpu_average1") double cpuAverage1,
		@JsonProperty("cpu_average5") double cpuAverage5, @JsonProperty("cpu_average15") double cpuAverage15,
		@JsonProperty("memory_used") long memoryUsed, @JsonProperty("memory_total") long memoryTotal,
		@JsonProperty("memory_usage") double memoryUsage, @JsonProperty("disk_used") long diskUsed,
		@JsonProperty("disk_total") long diskTotal, @JsonProperty("disk_usage") double diskUsage,
		@JsonProperty("uptime_seconds") long uptimeSeconds) {

	public NodeStatusInfo {
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(platform, "platform must not be null");
		Objects.requireNonNull(localTime, "localTime must not be null");
	}

}
