package io.octoplane.bench.sim;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.net.ssl.SSLContext;

import io.octoplane.certs.CertificateRole;
import io.octoplane.protocol.retry.Backoff;

/**
 * Many {@link SimulatedTentacle}s in this JVM against one brain, sharing one CA and one
 * bound on handshakes in flight. Node certificates are minted in memory, in parallel,
 * before any node dials, so that minting never counts as connect time.
 *
 * <p>
 * Instances are thread-safe; close to stop every node.
 */
public final class FleetSimulator implements AutoCloseable {

	private final FleetTls tls;

	private final InetSocketAddress brain;

	private final Duration backoffInitial;

	private final Duration backoffMax;

	private final Semaphore dialPermits;

	private final boolean sparseAcks;

	private final List<SimulatedTentacle> tentacles = new ArrayList<>();

	/**
	 * Creates a simulator with no nodes yet.
	 * @param tls the fleet CA that issues node certificates; the brain must trust it
	 * @param brain the brain's agent address
	 * @param dialConcurrency most TLS handshakes in flight at once, at least 1
	 * @param backoffInitial shortest wait before a node redials, as a tentacle's
	 * {@code backoffInitial}
	 * @param backoffMax longest wait before a node redials, as a tentacle's
	 * {@code backoffMax}
	 */
	public FleetSimulator(FleetTls tls, InetSocketAddress brain, int dialConcurrency, Duration backoffInitial,
			Duration backoffMax) {
		this(tls, brain, dialConcurrency, backoffInitial, backoffMax, true);
	}

	/**
	 * Creates a simulator with no nodes yet.
	 * @param tls the fleet CA that issues node certificates; the brain must trust it
	 * @param brain the brain's agent address
	 * @param dialConcurrency most TLS handshakes in flight at once, at least 1
	 * @param backoffInitial shortest wait before a node redials
	 * @param backoffMax longest wait before a node redials
	 * @param sparseAcks whether nodes announce sparse heartbeat acknowledgements, as
	 * tentacles do; without, they act as releases before them
	 */
	public FleetSimulator(FleetTls tls, InetSocketAddress brain, int dialConcurrency, Duration backoffInitial,
			Duration backoffMax, boolean sparseAcks) {
		this.sparseAcks = sparseAcks;
		if (dialConcurrency < 1) {
			throw new IllegalArgumentException("dialConcurrency must be at least 1");
		}
		this.tls = Objects.requireNonNull(tls, "tls must not be null");
		this.brain = Objects.requireNonNull(brain, "brain must not be null");
		this.backoffInitial = Objects.requireNonNull(backoffInitial, "backoffInitial must not be null");
		this.backoffMax = Objects.requireNonNull(backoffMax, "backoffMax must not be null");
		// Fails here, not in every node, on bounds out of order.
		new Backoff(backoffInitial, backoffMax, RandomGenerator.getDefault());
		this.dialPermits = new Semaphore(dialConcurrency);
	}

	/**
	 * The name of the node with a given number: {@code prefix-00042}.
	 * @param prefix the name prefix
	 * @param index the number, from 1
	 * @return the name
	 */
	public static String nodeName(String prefix, int index) {
		return String.format("%s-%05d", prefix, index);
	}

	/**
	 * Mints certificates for {@code count} nodes named {@code prefix-00001} onwards, in
	 * parallel on all cores; nothing dials yet.
	 * @param prefix the name prefix
	 * @param count how many, at least 1
	 * @param executor how they carry out commands
	 * @return the prepared nodes, to pass to {@link #start(List)}
	 */
	public List<SimulatedTentacle> prepare(String prefix, int count, SimulatedExecutor executor) {
		if (count < 1) {
			throw new IllegalArgumentException("count must be at least 1");
		}
		return IntStream.rangeClosed(1, count).parallel().mapToObj((index) -> {
			String name = nodeName(prefix, index);
			SSLContext context = this.tls.clientContext(CertificateRole.NODE, name);
			return new SimulatedTentacle(name, context, this.brain, executor,
					new Backoff(this.backoffInitial, this.backoffMax, RandomGenerator.getDefault()), this.dialPermits,
					this.sparseAcks);
		}).toList();
	}

	/**
	 * Starts prepared nodes: each begins dialling on its own virtual thread.
	 * @param prepared nodes from {@link #prepare}
	 */
	public void start(List<SimulatedTentacle> prepared) {
		synchronized (this.tentacles) {
			this.tentacles.addAll(prepared);
		}
		prepared.forEach(SimulatedTentacle::start);
	}

	/** Every node started so far. */
	public List<SimulatedTentacle> tentacles() {
		synchronized (this.tentacles) {
			return List.copyOf(this.tentacles);
		}
	}

	/** How many nodes are connected and welcomed right now. */
	public int connected() {
		return (int) tentacles().stream().filter(SimulatedTentacle::isConnected).count();
	}

	/** Connection failures summed over all nodes. */
	public long dialFailures() {
		return tentacles().stream().mapToLong(SimulatedTentacle::dialFailures).sum();
	}

	/** Commands started, summed over all nodes. */
	public long commandsRun() {
		return tentacles().stream().mapToLong(SimulatedTentacle::commandsRun).sum();
	}

	/**
	 * Waits until at least {@code count} nodes are connected.
	 * @param count how many
	 * @param timeout how long at most
	 * @return whether they all connected in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitConnected(int count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (connected() < count) {
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			Thread.sleep(20);
		}
		return true;
	}

	/**
	 * The most common last error among nodes that are not connected, for a report on why
	 * a fleet did not come up.
	 * @return a description, or an empty string if every node is connected
	 */
	public String lastErrors() {
		return tentacles().stream()
			.filter((tentacle) -> !tentacle.isConnected())
			.map((tentacle) -> String.valueOf(tentacle.lastError()))
			.collect(Collectors.groupingBy((error) -> error, Collectors.counting()))
			.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(3)
			.map((entry) -> entry.getValue() + "x " + entry.getKey())
			.collect(Collectors.joining("; "));
	}

	/** Cuts every node's connection at once, as a network outage would. */
	public void dropConnections() {
		tentacles().forEach(SimulatedTentacle::dropConnection);
	}

	/** Stops every node. */
	@Override
	public void close() {
		tentacles().forEach(SimulatedTentacle::close);
	}

}
