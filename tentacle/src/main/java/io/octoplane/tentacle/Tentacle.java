package io.octoplane.tentacle;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import io.octoplane.protocol.agent.Capabilities;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.Hello;
import io.octoplane.protocol.agent.NodeStatus;
import io.octoplane.protocol.agent.Welcome;
import io.octoplane.protocol.retry.Backoff;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.tentacle.command.CommandRunner;
import io.octoplane.tentacle.config.BrainAddress;
import io.octoplane.tentacle.config.Discovery;
import io.octoplane.tentacle.config.EdgeSettings;
import io.octoplane.tentacle.config.TentacleConfig;
import io.octoplane.tentacle.config.TentacleConfigException;
import io.octoplane.tentacle.connection.AgentConnection;
import io.octoplane.tentacle.connection.BrainDialer;
import io.octoplane.tentacle.connection.BrainLocator;
import io.octoplane.tentacle.connection.BrainRefusedException;
import io.octoplane.tentacle.connection.ClockEstimate;
import io.octoplane.tentacle.discovery.NameserverLocator;
import io.octoplane.tentacle.facts.FactReporter;
import io.octoplane.tentacle.file.FileCommands;
import io.octoplane.tentacle.file.NodePaths;
import io.octoplane.tentacle.gateway.GatewayRelay;
import io.octoplane.tentacle.identity.CertificateRenewal;
import io.octoplane.tentacle.identity.IdentityFiles;
import io.octoplane.tentacle.journal.CommandJournal;
import io.octoplane.tentacle.status.HostMetrics;
import io.octoplane.tentacle.tunnel.Tunnels;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node agent: keeps one control connection to the brain alive, redialling with
 * backoff, and runs the commands it receives on their own virtual threads so a long
 * command never delays a heartbeat. A journal on disk makes delivery safe across link
 * drops and restarts: no command id runs twice, and every result is resent after each
 * reconnect until the brain acknowledges it. Before its certificate expires it asks the
 * brain for a new one over the same connection and dials with it from then on
 * ({@link io.octoplane.tentacle.identity}). Start it with {@link #start()}, stop it with
 * {@link #close()}; both return promptly.
 */
public final class Tentacle implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Tentacle.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	private final TentacleConfig config;

	private final Clock clock;

	/** The brain's clock as heartbeats measured it; outlives each connection. */
	private final ClockEstimate brainClock = new ClockEstimate();

	private final BrainDialer dialer;

	private final Tunnels tunnels;

	private final FrameCodec codec;

	private final Hello hello;

	private final HostMetrics metrics;

	private final ResultDelivery delivery;

	private final CommandDesk desk;

	private final CertificateRenewal renewal;

	private final FactReporter facts;

	private final CountDownLatch stopping = new CountDownLatch(1);

	/** Heartbeats on the current connection; its first one always carries status. */
	private final AtomicLong beats = new AtomicLong();

	private final Object stateMonitor = new Object();

	private TentacleState state = TentacleState.NEW;

	private volatile @Nullable String nodeName;

	private volatile @Nullable AgentConnection connection;

	private @Nullable Thread loop;

	private @Nullable GatewayRelay gateway;

	/**
	 * Creates a tentacle; nothing is dialled before {@link #start()}.
	 * @param config the configuration
	 * @param clock the node clock (heartbeat timestamps, command times)
	 * @throws TentacleConfigException if the TLS files cannot be loaded (or do not exist
	 * yet: enrollment comes first, see {@link io.octoplane.tentacle.enroll.Enrollment}),
	 * or the workspace or the journal cannot be created or read
	 */
	public Tentacle(TentacleConfig config, Clock clock) {
		this.config = config;
		this.clock = clock;
		IdentityFiles identity = new IdentityFiles(config.cert(), config.key());
		try {
			identity.recover();
		}
		catch (IOException ex) {
			throw new TentacleConfigException("cannot complete the interrupted replacement of " + config.cert()
					+ " and " + config.key() + ": " + ex.getMessage(), ex);
		}
		this.dialer = new BrainDialer(sslContext(config), locator(config), config.connectTimeout());
		this.dialer.via(config.edge().gateway());
		try {
			this.renewal = new CertificateRenewal(identity, config.ca(), config.renewBefore(), clock,
					this.dialer::useContext);
		}
		catch (IOException ex) {
			throw new TentacleConfigException("cannot read node certificate " + config.cert() + ": " + ex.getMessage(),
					ex);
		}
		this.codec = new FrameCodec(config.maxFrameBytes());
		this.hello = AgentInfo.hello(clock.millis(), config.edge());
		try {
			Files.createDirectories(config.workspace());
			config.nodePaths().createAliasFolders();
		}
		catch (IOException ex) {
			throw new TentacleConfigException("cannot create workspace " + config.workspace() + ": " + ex, ex);
		}
		this.metrics = new HostMetrics(config.workspace(), clock);
		CommandJournal journal;
		try {
			journal = CommandJournal.open(config.journal(), config.journalRetention(), clock);
		}
		catch (IOException ex) {
			throw new TentacleConfigException("cannot open the command journal " + config.journal() + ": " + ex, ex);
		}
		this.delivery = new ResultDelivery(journal);
		NodePaths paths = config.nodePaths();
		FileCommands files = new FileCommands(paths, this.dialer, this.codec,
				config.workspace().resolve(CommandRunner.STATE_FOLDER).resolve("spool"), clock, this::nodeName);
		this.tunnels = new Tunnels(this.dialer, this.codec, config.connectTimeout());
		this.desk = new CommandDesk(journal, new CommandRunner(paths, config.outputLimitBytes(), clock, this::nodeName,
				config.scriptEnv(), config.shell(), files), this.delivery, clock, this.brainClock);
		this.facts = new FactReporter(config.facts(), config.workspace(), AgentInfo.version(), clock);
	}

	/**
	 * What this tentacle knows of the brain's clock: the offset and its uncertainty from
	 * the newest heartbeat exchange.
	 * @return the estimate, updated as heartbeats are answered
	 */
	public ClockEstimate brainClock() {
		return this.brainClock;
	}

	/**
	 * Starts dialling the brain on a background thread.
	 * @throws IllegalStateException if already started
	 */
	public void start() {
		synchronized (this.stateMonitor) {
			if (this.state != TentacleState.NEW) {
				throw new IllegalStateException("tentacle already started");
			}
			BrainAddress listen = this.config.edge().gatewayListen();
			if (listen != null) {
				try {
					this.gateway = GatewayRelay.start(listen, this.dialer, this.codec);
				}
				catch (IOException ex) {
					throw new TentacleConfigException(
							"cannot listen on gateway.listen " + listen + ": " + ex.getMessage(), ex);
				}
			}
			setState(TentacleState.DIALING);
			this.facts.start();
			this.loop = Thread.ofVirtual().name("tentacle-connection").start(this::connectionLoop);
		}
	}

	/** The current state of the connection loop. */
	public TentacleState state() {
		synchronized (this.stateMonitor) {
			return this.state;
		}
	}

	/** The node name from the brain's last Welcome, or {@code null} before the first. */
	public @Nullable String nodeName() {
		return this.nodeName;
	}

	/**
	 * Waits until the tentacle is in the given state.
	 * @param expected the state to wait for
	 * @param timeout how long to wait at most
	 * @return whether the state was reached in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitState(TentacleState expected, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.stateMonitor) {
			while (this.state != expected) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this.stateMonitor, remaining);
			}
			return true;
		}
	}

	/**
	 * Waits until the brain welcomed this tentacle.
	 * @param timeout how long to wait at most
	 * @return whether it connected in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean awaitConnected(Duration timeout) throws InterruptedException {
		return awaitState(TentacleState.CONNECTED, timeout);
	}

	/**
	 * Stops dialling, closes the connection and kills running foreground commands (their
	 * process trees included). Background commands keep running. Idempotent.
	 */
	@Override
	public void close() {
		this.stopping.countDown();
		GatewayRelay relay = this.gateway;
		if (relay != null) {
			relay.close();
		}
		AgentConnection current = this.connection;
		if (current != null) {
			current.close();
		}
		Thread thread;
		synchronized (this.stateMonitor) {
			thread = this.loop;
			if (thread == null) {
				setState(TentacleState.STOPPED);
			}
		}
		// Interrupting a virtual thread blocked in socket I/O closes that socket, which
		// ends a dial or handshake in progress at once.
		if (thread != null) {
			thread.interrupt();
			join(thread);
		}
		this.facts.close();
		this.tunnels.close();
		this.desk.close(STOP_TIMEOUT);
	}

	private void connectionLoop() {
		Backoff backoff = new Backoff(this.config.backoffInitial(), this.config.backoffMax(),
				RandomGenerator.getDefault());
		try {
			while (this.stopping.getCount() > 0) {
				setState(TentacleState.DIALING);
				if (!connectOnce(backoff)) {
					return;
				}
				if (this.stopping.getCount() == 0) {
					return;
				}
				Duration delay = backoff.next();
				setState(TentacleState.BACKING_OFF);
				logger.info("reconnecting in {}", String.format(Locale.ROOT, "%.1fs", delay.toMillis() / 1000.0));
				if (this.stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			// close() interrupts: that is the stop signal.
		}
		finally {
			setState(TentacleState.STOPPED);
		}
	}

	/** One connection's life. Returns whether to dial again. */
	private boolean connectOnce(Backoff backoff) {
		boolean welcomed = false;
		try (AgentConnection current = AgentConnection.open(this.dialer, this.codec, this.hello, this.clock,
				this.brainClock)) {
			this.connection = current;
			this.beats.set(0);
			if (this.stopping.getCount() == 0) {
				return false;
			}
			Welcome welcome = current.welcome();
			welcomed = true;
			backoff.reset();
			this.nodeName = welcome.nodeName();
			this.dialer.compressData(this.config.edge().compression() == EdgeSettings.Compression.ON
					&& welcome.capabilities().contains(Capabilities.COMPRESS_DOWN));
			this.dialer.compressUploads(welcome.capabilities().contains(Capabilities.COMPRESS_UPLOAD)
					? this.config.edge().compression() : EdgeSettings.Compression.OFF);
			logger.info("connected to brain {} as {} (brain {} {}, heartbeat every {} ms, compression {})",
					this.dialer.brain(), welcome.nodeName(), welcome.brainName(), welcome.brainVersion(),
					welcome.heartbeatIntervalMillis(),
					(welcome.compression() != null) ? welcome.compression() : "none");
			// Unacknowledged results go out before the first frame from the brain is
			// read, so a redelivered command finds the brain already holding its result.
			this.delivery.attach(current);
			this.renewal.connected(current);
			this.facts.attach(current);
			setState(TentacleState.CONNECTED);
			try {
				current.run(this::heartbeatStatus, this.desk, this.renewal::answered, this.tunnels::open);
			}
			finally {
				this.facts.detach(current);
				this.renewal.disconnected(current);
				this.delivery.detach(current);
			}
			return true;
		}
		catch (BrainRefusedException ex) {
			if (!ex.retry()) {
				logger.error("brain refused: {}; stopping, will not redial", ex.getMessage());
				return false;
			}
			logger.warn("brain {} said goodbye: {}", this.dialer.brain(), ex.getMessage());
		}
		catch (SSLException ex) {
			logger.warn("TLS handshake with brain {} failed (check the ca, cert and key settings): {}",
					this.dialer.brain(), ex.getMessage());
		}
		catch (IOException ex) {
			if (this.stopping.getCount() > 0) {
				logger.warn("{} brain {}: {}", welcomed ? "lost connection to" : "cannot connect to",
						this.dialer.brain(), describe(ex));
			}
		}
		finally {
			this.connection = null;
		}
		return true;
	}

	// Runs on the heartbeat thread once per interval, which is also the cheapest place
	// to notice that a long-lived connection's certificate is due for renewal.
	private @Nullable NodeStatus heartbeatStatus() {
		this.renewal.check();
		// On a thin link most heartbeats go without status: they prove the link alive,
		// and the brain keeps showing the last status it had.
		if (this.beats.getAndIncrement() % this.config.edge().statusEvery() != 0) {
			return null;
		}
		return this.metrics.get();
	}

	/**
	 * The port this tentacle relays other nodes' connections on, when it is a gateway.
	 * @return the bound port, or -1 when this node is no gateway or not started
	 */
	public int gatewayPort() {
		GatewayRelay relay = this.gateway;
		return (relay != null) ? relay.port() : -1;
	}

	/** The node certificate the next dial presents (the renewed one, after a renewal). */
	public X509Certificate certificate() {
		return this.renewal.certificate();
	}

	private void setState(TentacleState next) {
		synchronized (this.stateMonitor) {
			if (this.state != TentacleState.STOPPED) {
				this.state = next;
				this.stateMonitor.notifyAll();
			}
		}
	}

	private static String describe(IOException ex) {
		if (ex instanceof EOFException) {
			return "the brain closed the connection";
		}
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	private static void join(Thread thread) {
		try {
			if (!thread.join(STOP_TIMEOUT)) {
				logger.warn("connection loop did not stop within {}", STOP_TIMEOUT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static BrainLocator locator(TentacleConfig config) {
		Discovery discovery = config.discovery();
		if (discovery != null) {
			return new NameserverLocator(discovery, config.brain(), config.connectTimeout());
		}
		return BrainLocator.fixed(Objects.requireNonNull(config.brain(), "brain must not be null"));
	}

	private static SSLContext sslContext(TentacleConfig config) {
		try {
			return PemTls.clientContext(config.cert(), config.key(), config.ca());
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new TentacleConfigException("cannot load TLS files (cert " + config.cert() + ", key " + config.key()
					+ ", ca " + config.ca() + "): " + ex.getMessage(), ex);
		}
	}

}
