package io.octoplane.bench.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Readings of a process for a benchmark report: resident memory and CPU time from
 * {@code /proc}, heap in use from a Spring Boot actuator's {@code jvm.memory.used}
 * metric, and the machine's load average (to tell a noisy run from a quiet one).
 */
public final class ProcessReadings {

	/**
	 * Linux reports {@code /proc/<pid>/stat} times in USER_HZ, which is 100 on every
	 * mainstream architecture whatever the kernel's internal tick.
	 */
	private static final long USER_HZ = 100;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private ProcessReadings() {
	}

	/**
	 * Resident set size ({@code VmRSS} of {@code /proc/<pid>/status}).
	 * @param pid the process
	 * @return bytes, or empty if it cannot be read (not Linux, or the process is gone)
	 */
	public static OptionalLong residentBytes(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					String[] parts = line.substring(6).trim().split("\\s+");
					return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux, or the process ended: nothing to report.
		}
		return OptionalLong.empty();
	}

	/**
	 * The memory totals of {@code /proc/<pid>/smaps_rollup}, such as {@code Rss} and
	 * {@code Pss} (proportional: pages shared with other processes count by share).
	 * @param pid the process
	 * @return bytes by field name, empty if it cannot be read
	 */
	public static Map<String, Long> smapsRollup(long pid) {
		Map<String, Long> values = new LinkedHashMap<>();
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
				String[] parts = line.split("\\s+");
				if (parts.length == 3 && parts[0].endsWith(":") && "kB".equals(parts[2])) {
					values.put(parts[0].substring(0, parts[0].length() - 1), Long.parseLong(parts[1]) * 1024);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux, or the process ended: nothing to report.
		}
		return values;
	}

	/**
	 * The number of threads of a process ({@code Threads} of {@code /proc/<pid>/status}).
	 * @param pid the process
	 * @return the count, or -1 if it cannot be read
	 */
	public static int threads(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("Threads:")) {
					return Integer.parseInt(line.substring(8).trim());
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux, or the process ended.
		}
		return -1;
	}

	/**
	 * CPU time used so far, user plus system ({@code utime + stime} of
	 * {@code /proc/<pid>/stat}).
	 * @param pid the process
	 * @return the time, or empty if it cannot be read
	 */
	public static Optional<Duration> cpuTime(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// The command name in parentheses may hold
			// spaces; fields are counted after it.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return Optional.of(Duration.ofMillis(ticks * 1000 / USER_HZ));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The 1-minute load average of the machine.
	 * @return the load, or -1 if it cannot be read
	 */
	public static double loadAverage() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * Heap in use according to a Spring Boot actuator (metric {@code jvm.memory.used},
	 * tag {@code area:heap}) on a plain-HTTP management port.
	 * @param managementPort the port on 127.0.0.1
	 * @return bytes, or empty if the metrics endpoint is not exposed or does not answer
	 */
	public static OptionalLong heapUsedBytes(int managementPort) {
		URI uri = URI.create("http://127.0.0.1:" + managementPort + "/actuator/metrics/jvm.memory.used?tag=area:heap");
		try (HttpClient http = HttpClient.newBuilder()
			.proxy(HttpClient.Builder.NO_PROXY)
			.connectTimeout(Duration.ofSeconds(5))
			.build()) {
			HttpResponse<String> response = http.send(
					HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return OptionalLong.empty();
			}
			for (JsonNode measurement : MAPPER.readTree(response.body()).path("measurements")) {
				if ("VALUE".equals(measurement.path("statistic").asString())) {
					return OptionalLong.of((long) measurement.path("value").asDouble());
				}
			}
			return OptionalLong.empty();
		}
		catch (IOException | RuntimeException ex) {
			return OptionalLong.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return OptionalLong.empty();
		}
	}

	/**
	 * Asks a JVM for a full garbage collection with {@code jcmd <pid> GC.run}, so that
	 * the heap reading after it is live data rather than garbage not yet collected.
	 * @param pid a JVM started by the same user
	 * @return whether jcmd succeeded
	 */
	public static boolean collectGarbage(long pid) {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		if (!Files.isExecutable(jcmd)) {
			return false;
		}
		try {
			Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), "GC.run"))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return false;
			}
			return process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
