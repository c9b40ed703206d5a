package io.octoplane.bench.sim;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.octoplane.protocol.agent.AgentMessage;
import io.octoplane.protocol.agent.BrainMessage;
import io.octoplane.protocol.agent.BufferedSocket;
import io.octoplane.protocol.agent.CancelCommand;
import io.octoplane.protocol.agent.Capabilities;
import io.octoplane.protocol.agent.CertificateRenewed;
import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.CommandStarted;
import io.octoplane.protocol.agent.DataReady;
import io.octoplane.protocol.agent.DataReceived;
import io.octoplane.protocol.agent.Facts;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.Goodbye;
import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.agent.HeartbeatAck;
import io.octoplane.protocol.agent.Hello;
import io.octoplane.protocol.agent.LinkSockets;
import io.octoplane.protocol.agent.NodeStatus;
import io.octoplane.protocol.agent.OpenTunnel;
import io.octoplane.protocol.agent.ProtocolException;
import io.octoplane.protocol.agent.ResultAck;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.protocol.agent.SparseAcks;
import io.octoplane.protocol.agent.Welcome;
import io.octoplane.protocol.retry.Backoff;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated node: dials the brain over TLS 1.3 with its own client certificate, says
 * Hello, heartbeats at the pace the brain sets, answers {@link RunCommand} with
 * {@link CommandStarted} and a {@link CommandResult}, keeps each result until the brain
 * acknowledges it (resending it after a reconnect), and redials with jittered exponential
 * backoff whenever the link breaks.
 *
 * <p>
 * One virtual thread reads the connection and one sends heartbeats; commands run by the
 * {@link SimulatedExecutor#EXEC exec} executor get a virtual thread each. Instances are
 * thread-safe.
 */
public final class SimulatedTentacle implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SimulatedTentacle.class);

	private static final String AGENT_VERSION = "0.1.0-sim";

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);

	/** Command ids remembered to refuse a second run; enough for any benchmark. */
	private static final int REMEMBERED_COMMANDS = 1024;

	private static final long STARTED_AT = System.currentTimeMillis();

	private final String name;

	private final SSLContext tls;

	private final InetSocketAddress brain;

	private final SimulatedExecutor executor;

	/** The tentacle's own backoff, so a benchmark storm is the one a real fleet makes. */
	private final Backoff backoff;

	private final Semaphore dialPermits;

	private final Set<String> capabilities;

	private final FrameCodec codec = new FrameCodec(FrameCodec.DEFAULT_MAX_FRAME_BYTES);

	private final ReentrantLock writeLock = new ReentrantLock();

	private final Map<String, CommandResult> unacknowledged = new ConcurrentHashMap<>();

	/** Ids of commands started, with their result once known; oldest forgotten first. */
	private final Map<String, @Nullable CommandResult> seen = new LinkedHashMap<>(16, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, @Nullable CommandResult> eldest) {
			return size() > REMEMBERED_COMMANDS;
		}

	};

	private final AtomicLong welcomes = new AtomicLong();

	private final AtomicLong dialFailures = new AtomicLong();

	private final AtomicLong commandsRun = new AtomicLong();

	private volatile boolean running = true;

	private volatile boolean connected;

	private volatile long heartbeatIntervalMillis = 10_000;

	private volatile int deadAfterIntervals = SparseAcks.deadAfterIntervals(false);

	private volatile long lastRttMicros = -1;

	private volatile long lastOffsetMillis;

	private volatile @Nullable String lastError;

	private volatile @Nullable SSLSocket socket;

	private @Nullable Thread thread;

	/**
	 * Creates a tentacle; it dials once {@link #start()} is called.
	 * @param name the node name, which must be the CN of the context's certificate (the
	 * brain takes the name from the certificate, never from this value)
	 * @param tls a client context presenting the node's certificate
	 * @param brain the brain's agent address
	 * @param executor how commands are carried out
	 * @param backoff delays between dials, this node's alone (it keeps state)
	 * @param dialPermits shared by a fleet to bound how many handshakes are in flight at
	 * once, so a whole fleet starting together does not overrun the brain's accept
	 * backlog and handshake timeout
	 */
	public SimulatedTentacle(String name, SSLContext tls, InetSocketAddress brain, SimulatedExecutor executor,
			Backoff backoff, Semaphore dialPermits) {
		this(name, tls, brain, executor, backoff, dialPermits, true);
	}

	/**
	 * Creates a tentacle; it dials once {@link #start()} is called.
	 * @param name the node name, the CN of the context's certificate
	 * @param tls a client context presenting the node's certificate
	 * @param brain the brain's agent address
	 * @param executor how commands are carried out
	 * @param backoff delays between dials, this node's alone
	 * @param dialPermits shared by a fleet to bound how many handshakes are in flight
	 * @param sparseAcks whether to announce {@link Capabilities#SPARSE_HEARTBEAT_ACKS},
	 * as a tentacle does; without it the node is a release before them, answered every
	 * time
	 */
	public SimulatedTentacle(String name, SSLContext tls, InetSocketAddress brain, SimulatedExecutor executor,
			Backoff backoff, Semaphore dialPermits, boolean sparseAcks) {
		this.capabilities = sparseAcks ? Set.of(Capabilities.SPARSE_HEARTBEAT_ACKS) : Set.of();
		this.name = name;
		this.tls = tls;
		this.brain = brain;
		this.executor = executor;
		this.backoff = backoff;
		this.dialPermits = dialPermits;
	}

	/**
	 * Starts dialling on a new virtual thread.
	 * @return this tentacle
	 * @throws IllegalStateException if already started
	 */
	public synchronized SimulatedTentacle start() {
		if (this.thread != null) {
			throw new IllegalStateException(this.name + " already started");
		}
		this.thread = Thread.ofVirtual().name("sim-" + this.name).start(this::dialLoop);
		return this;
	}

	/** The node name. */
	public String name() {
		return this.name;
	}

	/** Whether the brain welcomed the current connection and it is still up. */
	public boolean isConnected() {
		return this.connected;
	}

	/** How many times the brain welcomed this node. */
	public long welcomes() {
		return this.welcomes.get();
	}

	/** How many dials failed before or during the handshake, or dropped later. */
	public long dialFailures() {
		return this.dialFailures.get();
	}

	/** How many commands were started (never counting a redelivery). */
	public long commandsRun() {
		return this.commandsRun.get();
	}

	/** Results sent but not yet acknowledged by the brain. */
	public int unacknowledgedResults() {
		return this.unacknowledged.size();
	}

	/** The heartbeat interval the brain asked for last, in milliseconds. */
	public long heartbeatIntervalMillis() {
		return this.heartbeatIntervalMillis;
	}

	/** Why the last connection failed, or {@code null} if none did. */
	public @Nullable String lastError() {
		return this.lastError;
	}

	private void dialLoop() {
		while (this.running) {
			boolean welcomed = false;
			try {
				welcomed = connectAndServe();
			}
			catch (IOException | RuntimeException ex) {
				if (this.running) {
					this.lastError = ex.toString();
					this.dialFailures.incrementAndGet();
					logger.debug("{}: connection failed: {}", this.name, ex.toString());
				}
			}
			finally {
				this.connected = false;
				closeSocket();
			}
			if (welcomed) {
				// As the tentacle does: a welcome starts the backoff over.
				this.backoff.reset();
			}
			if (this.running && !sleep(this.backoff.next())) {
				return;
			}
		}
	}

	/** Returns whether the brain welcomed the connection before it ended. */
	private boolean connectAndServe() throws IOException {
		SSLSocket current;
		Welcome welcome;
		try {
			this.dialPermits.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
			return false;
		}
		try {
			// As the tentacle dials: TLS over a TCP socket with buffered input.
			BufferedSocket tcp = new BufferedSocket();
			try {
				tcp.connect(this.brain, (int) CONNECT_TIMEOUT.toMillis());
				tcp.setTcpNoDelay(true);
				current = (SSLSocket) this.tls.getSocketFactory()
					.createSocket(tcp, this.brain.getHostString(), this.brain.getPort(), true);
			}
			catch (IOException | RuntimeException ex) {
				tcp.close();
				throw ex;
			}
			this.socket = current;
			current.setEnabledProtocols(new String[] { "TLSv1.3" });
			current.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
			current.startHandshake();
			this.codec.write(current.getOutputStream(),
					new Hello(AGENT_VERSION, this.name, System.getProperty("os.name") + " sim",
							System.getProperty("os.arch"), STARTED_AT, this.capabilities, 0));
			BrainMessage first = this.codec.read(current.getInputStream(), BrainMessage.class);
			if (first instanceof Goodbye goodbye) {
				onGoodbye(goodbye);
				return false;
			}
			if (!(first instanceof Welcome received)) {
				throw new ProtocolException("expected welcome, got " + first.getClass().getSimpleName());
			}
			welcome = received;
		}
		finally {
			this.dialPermits.release();
		}
		this.heartbeatIntervalMillis = welcome.heartbeatIntervalMillis();
		this.deadAfterIntervals = SparseAcks
			.deadAfterIntervals(SparseAcks.agreed(this.capabilities, welcome.capabilities()));
		this.welcomes.incrementAndGet();
		this.connected = true;
		Thread heartbeats = Thread.ofVirtual().name("sim-hb-" + this.name).start(() -> heartbeatLoop(current));
		try {
			// As a real tentacle does after each Welcome.
			send(current, facts(this.name));
			for (CommandResult result : this.unacknowledged.values()) {
				send(current, result);
			}
			readLoop(current);
		}
		catch (EOFException ex) {
			if (this.running) {
				this.lastError = "brain closed the connection";
				this.dialFailures.incrementAndGet();
			}
		}
		finally {
			heartbeats.interrupt();
		}
		return true;
	}

	private void readLoop(SSLSocket current) throws IOException {
		InputStream in = current.getInputStream();
		while (this.running) {
			// As the tentacle: three silent intervals mean a dead link, four when
			// the brain answers sparsely.
			current.setSoTimeout(
					(int) Math.min(Integer.MAX_VALUE, this.deadAfterIntervals * this.heartbeatIntervalMillis + 5_000));
			BrainMessage message = this.codec.read(in, BrainMessage.class);
			switch (message) {
				case HeartbeatAck ack -> onHeartbeatAck(ack);
				case RunCommand run -> onRun(current, run);
				case ResultAck ack -> this.unacknowledged.remove(ack.commandId());
				case CancelCommand cancel -> onCancel(current, cancel);
				case Goodbye goodbye -> {
					onGoodbye(goodbye);
					return;
				}
				case Welcome welcome -> throw new ProtocolException("welcome sent twice");
				case CertificateRenewed renewed -> {
					// Never asked for: simulated certificates outlive any benchmark.
				}
				case DataReady ready -> throw new ProtocolException("data frames belong on a data connection");
				case DataReceived received -> throw new ProtocolException("data frames belong on a data connection");
				case OpenTunnel tunnel -> {
					// Simulated nodes run no services; the brain times the opening out.
				}
			}
		}
	}

	private void onHeartbeatAck(HeartbeatAck ack) {
		long t4 = System.currentTimeMillis();
		this.lastRttMicros = Math.max(0,
				((t4 - ack.tentacleSentAtMillis()) - (ack.brainSentAtMillis() - ack.brainReceivedAtMillis())) * 1000);
		this.lastOffsetMillis = ((ack.brainReceivedAtMillis() - ack.tentacleSentAtMillis())
				+ (ack.brainSentAtMillis() - t4)) / 2;
		this.heartbeatIntervalMillis = ack.heartbeatIntervalMillis();
	}

	private void onRun(SSLSocket current, RunCommand run) throws IOException {
		CommandResult known;
		synchronized (this.seen) {
			if (!this.seen.containsKey(run.commandId())) {
				this.seen.put(run.commandId(), null);
				known = null;
			}
			else {
				known = this.seen.get(run.commandId());
				if (known == null) {
					// Redelivered while still running: its result follows.
					return;
				}
			}
		}
		if (known != null) {
			// Redelivered after it finished: the brain lost the result, not the command.
			send(current, known);
			return;
		}
		this.commandsRun.incrementAndGet();
		send(current, new CommandStarted(run.commandId(), System.currentTimeMillis()));
		if (this.executor == SimulatedExecutor.NOOP) {
			finish(current, this.executor.run(run));
		}
		else {
			Thread.ofVirtual().name("sim-cmd-" + this.name).start(() -> {
				CommandResult result = this.executor.run(run);
				try {
					finish(current, result);
				}
				catch (IOException ex) {
					// Kept as unacknowledged: the reader sees the
					// broken link, redials and sends it again.
				}
			});
		}
	}

	private void onCancel(SSLSocket current, CancelCommand cancel) throws IOException {
		synchronized (this.seen) {
			if (this.seen.containsKey(cancel.commandId())) {
				// Running or finished; a simulated command is too short to be worth
				// killing, and a finished one's real result stands.
				return;
			}
			this.seen.put(cancel.commandId(), null);
		}
		long now = System.currentTimeMillis();
		finish(current, new CommandResult(cancel.commandId(), CommandOutcome.CANCELLED, -1, "", "", false, now, now,
				cancel.reason()));
	}

	private void finish(SSLSocket current, CommandResult result) throws IOException {
		synchronized (this.seen) {
			this.seen.put(result.commandId(), result);
		}
		this.unacknowledged.put(result.commandId(), result);
		send(current, result);
	}

	private void onGoodbye(Goodbye goodbye) {
		this.lastError = "goodbye: " + goodbye.reason();
		if (!goodbye.retry()) {
			logger.warn("{}: brain refused it for good: {}", this.name, goodbye.reason());
			this.running = false;
		}
	}

	private void heartbeatLoop(SSLSocket current) {
		// A random first delay spreads a fleet that connected together over the interval.
		long delay = ThreadLocalRandom.current().nextLong(1, this.heartbeatIntervalMillis + 1);
		long seq = 0;
		while (this.running && !current.isClosed()) {
			if (!sleep(Duration.ofMillis(delay))) {
				return;
			}
			long now = System.currentTimeMillis();
			NodeStatus status = new NodeStatus(2, 0.05, 0.05, 0.05, 512L << 20, 1L << 30, 1L << 30, 10L << 30,
					(now - STARTED_AT) / 1000, now);
			try {
				send(current, new Heartbeat(seq++, now, status, this.lastRttMicros, this.lastOffsetMillis));
			}
			catch (IOException ex) {
				// The reader sees the broken link too and redials.
				return;
			}
			delay = this.heartbeatIntervalMillis;
		}
	}

	/**
	 * The facts and labels a simulated node reports: spread over the fleet by the node's
	 * name, so selectors in benchmarks match a known share of it (a site of 10, a role of
	 * 3, a rack of 100, an architecture of 3, 1 to 16 GiB of memory).
	 * @param name the node's name
	 * @return the report
	 */
	static Facts facts(String name) {
		int n = Math.floorMod(name.hashCode(), 1_000_000);
		String arch = List.of("arm64", "amd64", "armv7").get(n % 3);
		Map<String, String> labels = Map.of("site", "site-" + (n % 10), "role",
				List.of("camera", "sensor", "gateway").get((n / 10) % 3), "rack", "r" + (n % 100));
		Map<String, String> facts = Map.of("os", ((n % 2) == 0) ? "debian" : "ubuntu", "arch", arch, "memory_total",
				Long.toString((1L + n % 16) << 30), "cpu_count", Integer.toString(1 << (n % 4)), "hostname", name,
				"kernel", "6.1.0-sim", "tentacle_version", AGENT_VERSION);
		return new Facts(facts, labels, Map.of(), STARTED_AT);
	}

	private void send(SSLSocket current, AgentMessage message) throws IOException {
		this.writeLock.lock();
		try {
			this.codec.write(current.getOutputStream(), message);
		}
		finally {
			this.writeLock.unlock();
		}
	}

	private static boolean sleep(Duration duration) {
		try {
			Thread.sleep(duration);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void closeSocket() {
		SSLSocket current = this.socket;
		if (current == null) {
			return;
		}
		try {
			// SSLSocket.close() may wait for the peer's close_notify up to SO_TIMEOUT.
			current.setSoTimeout(200);
		}
		catch (IOException ex) {
			// Already closed or broken; close() below still releases it.
		}
		try {
			current.close();
		}
		catch (IOException ex) {
			// Already broken; nothing to release.
		}
	}

	/**
	 * Cuts the connection as a network outage would; the node redials after its backoff,
	 * resuming its TLS session with the same brain.
	 */
	public void dropConnection() {
		SSLSocket current = this.socket;
		if (current != null) {
			LinkSockets.reset(current);
		}
	}

	/** Stops dialling and closes the connection. */
	@Override
	public void close() {
		this.running = false;
		Thread current;
		synchronized (this) {
			current = this.thread;
		}
		closeSocket();
		if (current != null) {
			current.interrupt();
		}
	}

	@Override
	public String toString() {
		return "SimulatedTentacle[" + this.name + (this.connected ? ", connected" : ", not connected") + "]";
	}

}
