package io.octoplane.protocol.agent;

/**
 * Host metrics of a node, sampled by the tentacle for each heartbeat.
 *
 * @param cpuCores number of logical processors, at least 1
 * @param load1 system load average over 1 minute, or -1 where the OS has none
 * @param load5 system load average over 5 minutes, or -1 where the OS has none
 * @param load15 system load average over 15 minutes, or -1 where the OS has none
 * @param memoryUsedBytes physical memory in use, bytes
 * @param memoryTotalBytes physical memory installed, bytes
 * @param diskUsedBytes used bytes of the file system holding the tentacle's workspace
 * @param diskTotalBytes size of that file system, bytes
 * @param uptimeSeconds seconds since the host booted
 * @param localTimeMillis node clock when sampled, epoch milliseconds
 */
public record NodeStatus(int cpuCores, double load1, double load5, double load15, long memoryUsedBytes,
		long memoryTotalBytes, long diskUsedBytes, long diskTotalBytes, long uptimeSeconds, long localTimeMillis) {

	public NodeStatus {
		if (cpuCores < 1) {
			throw new IllegalArgumentException("cpuCores must be at least 1");
		}
		if (memoryUsedBytes < 0 || memoryTotalBytes < 0 || diskUsedBytes < 0 || diskTotalBytes < 0) {
			throw new IllegalArgumentException("memory and disk sizes must not be negative");
		}
	}

}
