package io.octoplane.bench.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link BenchFleet} is set up.
 *
 * @param workDir folder for the brain's and Redis's data, certificates and logs; created
 * if missing
 * @param brainJar the brain's executable jar
 * @param brainHeap the brain JVM's {@code -Xmx} value, such as {@code 1g}
 * @param heartbeatInterval the heartbeat interval the brain tells every node
 * @param dialConcurrency most node handshakes in flight at once
 * @param brainArgs further {@code --name=value} brain arguments, after the bench's own
 * @param brainJvmOptions further options of the brain's JVM, such as a flight recording
 * @param sparseAcks whether simulated nodes announce sparse heartbeat acknowledgements,
 * as tentacles do
 */
public record FleetSettings(Path workDir, Path brainJar, String brainHeap, Duration heartbeatInterval,
		int dialConcurrency, List<String> brainArgs, List<String> brainJvmOptions, boolean sparseAcks) {

	/**
	 * Settings whose nodes announce sparse heartbeat acknowledgements.
	 * @param workDir folder for data, certificates and logs
	 * @param brainJar the brain's executable jar
	 * @param brainHeap the brain JVM's {@code -Xmx} value
	 * @param heartbeatInterval the heartbeat interval the brain tells every node
	 * @param dialConcurrency most node handshakes in flight at once
	 * @param brainArgs further brain arguments
	 * @param brainJvmOptions further options of the brain's JVM
	 */
	public FleetSettings(Path workDir, Path brainJar, String brainHeap, Duration heartbeatInterval, int dialConcurrency,
			List<String> brainArgs, List<String> brainJvmOptions) {
		this(workDir, brainJar, brainHeap, heartbeatInterval, dialConcurrency, brainArgs, brainJvmOptions, true);
	}

	public FleetSettings {
		Objects.requireNonNull(workDir, "workDir must not be null");
		Objects.requireNonNull(brainJar, "brainJar must not be null");
		Objects.requireNonNull(brainHeap, "brainHeap must not be null");
		Objects.requireNonNull(heartbeatInterval, "heartbeatInterval must not be null");
		brainArgs = List.copyOf(brainArgs);
		brainJvmOptions = List.copyOf(brainJvmOptions);
		if (heartbeatInterval.toMillis() < 100) {
			throw new IllegalArgumentException("heartbeatInterval must be at least 100 ms");
		}
		if (dialConcurrency < 1) {
			throw new IllegalArgumentException("dialConcurrency must be at least 1");
		}
	}

}
