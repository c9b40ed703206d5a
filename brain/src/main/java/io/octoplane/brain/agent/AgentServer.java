package io.octoplane.brain.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.octoplane.brain.config.BrainProperties;
import io.octoplane.brain.metrics.RefusalReason;
import io.octoplane.brain.metrics.Refusals;
import io.octoplane.protocol.agent.BufferedSocket;
import io.octoplane.protocol.agent.FrameCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Listens on the agent port for tentacles: TLS 1.3 only, client certificate required and
 * verified against the fleet CA. Each connection is served by an {@link AgentSession} on
 * a virtual thread, so tens of thousands of mostly idle connections cost little.
 */
@Component
public class AgentServer implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(AgentServer.class);

	private final AgentProperties properties;

	private final SslBundles sslBundles;

	private final ControlContext control;

	private final NodeHandshake handshake;

	private final HandshakeAdmission admission;

	private final RevocationSweep sweep;

	private final ConcurrentMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

	private final DataConnectionHandler data;

	private final TunnelEndpoint tunnels;

	private final boolean serve;

	private final FrameCodec codec;

	private final Semaphore connectionSlots;

	private final Refusals refusals;

	private @Nullable ScheduledExecutorService watchdog;

	private @Nullable ServerSocket serverSocket;

	private @Nullable SSLContext sslContext;

	private @Nullable ExecutorService connections;

	private @Nullable Thread acceptor;

	private volatile boolean running;

	AgentServer(AgentProperties properties, SslBundles sslBundles, BrainProperties brain, ControlContext control,
			RevokedCertificates revocations, DataConnectionHandler data, TunnelEndpoint tunnels, Refusals refusals) {
		this.properties = properties;
		this.sslBundles = sslBundles;
		this.control = control;
		this.sweep = new RevocationSweep(revocations);
		this.handshake = new NodeHandshake(revocations, control.metrics(), control.clock());
		this.admission = new HandshakeAdmission(properties.maxConcurrentHandshakes(), properties.maxQueuedHandshakes());
		control.metrics().admission(this.admission);
		this.data = data;
		this.tunnels = tunnels;
		this.serve = brain.serve();
		this.codec = new FrameCodec(properties.maxFrameBytes());
		this.connectionSlots = new Semaphore(properties.maxConnections());
		this.refusals = refusals;
	}

	/** The port actually bound (useful when configured as 0). */
	public int port() {
		ServerSocket socket = this.serverSocket;
		if (socket == null) {
			throw new IllegalStateException("agent server is not running");
		}
		return socket.getLocalPort();
	}

	@Override
	public void start() {
		SslBundle bundle = this.sslBundles.getBundle(this.properties.sslBundle());
		try {
			SSLContext context = AgentTls.context(bundle, this.control.clock());
			this.sslContext = context;
			// Plain TCP here; TLS is layered over each accepted socket, whose
			// buffered input reads a whole TLS record with one system call.
			ServerSocket socket = BufferedSocket.serverSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getByName(this.properties.address()), this.properties.port()),
					1024);
			this.serverSocket = socket;
		}
		catch (IOException ex) {
			throw new AgentPortException(this.properties.address(), this.properties.port(), ex);
		}
		// Made on every start: a stopped server (Spring also pauses
		// idle contexts this way) must be able to start again.
		ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1,
				Thread.ofPlatform().name("agent-watchdog").daemon().factory());
		// Every frame schedules a write deadline and cancels it a moment later; left in
		// the queue, ten thousand nodes would keep tens of thousands of dead ones there.
		watchdog.setRemoveOnCancelPolicy(true);
		this.watchdog = watchdog;
		long sweep = this.properties.heartbeatInterval().toMillis();
		this.watchdog.scheduleWithFixedDelay(this::closeRevoked, sweep, sweep, TimeUnit.MILLISECONDS);
		this.connections = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("agent-", 0).factory());
		this.running = true;
		this.acceptor = Thread.ofPlatform().name("agent-acceptor").daemon().start(this::acceptLoop);
		logger.info("Listening for tentacles on {}:{}", this.properties.address(), port());
	}

	/** Closes sessions whose certificate was revoked since they were last checked. */
	private void closeRevoked() {
		try {
			this.sweep.sweep(this.control.sessions().all().stream().map(AgentSession::swept).toList());
		}
		catch (RuntimeException ex) {
			// Redis may be away for a moment; the next sweep tries again.
			logger.debug("Revocation sweep failed: {}", ex.getMessage());
		}
	}

	private void acceptLoop() {
		ServerSocket server = this.serverSocket;
		ExecutorService executor = this.connections;
		ScheduledExecutorService deadlines = this.watchdog;
		SSLContext context = this.sslContext;
		if (server == null || executor == null || deadlines == null || context == null) {
			return;
		}
		FirstFrameRouter router = new FirstFrameRouter(this.handshake, this.admission, this.control, this.data,
				this.tunnels, this.codec, this.refusals, deadlines, context);
		while (this.running) {
			try {
				Socket socket = server.accept();
				// Frames are written whole; without this, a frame written while the
				// node has not yet acknowledged the previous one (a command right after
				// a result's acknowledgement) waits for the node's delayed ACK, up to
				// 40 ms on Linux.
				socket.setTcpNoDelay(true);
				if (!this.connectionSlots.tryAcquire()) {
					this.refusals.count(RefusalReason.CONNECTIONS_TOTAL);
					logger.warn("Refusing {}: {} tentacle connections is the limit", socket.getRemoteSocketAddress(),
							this.properties.maxConnections());
					socket.close();
					continue;
				}
				InetAddress address = socket.getInetAddress();
				AtomicInteger fromAddress = this.perAddress.computeIfAbsent(address, (key) -> new AtomicInteger());
				if (fromAddress.incrementAndGet() > this.properties.maxConnectionsPerAddress()) {
					release(address, fromAddress);
					this.connectionSlots.release();
					this.refusals.count(RefusalReason.CONNECTIONS_PER_ADDRESS);
					logger.warn("Refusing {}: {} connections from one address is the limit",
							socket.getRemoteSocketAddress(), this.properties.maxConnectionsPerAddress());
					socket.close();
					continue;
				}
				executor.execute(() -> {
					try {
						SSLSocket tls = AgentTls.layer(context, socket);
						if (tls != null) {
							router.serve(tls);
						}
					}
					finally {
						release(address, fromAddress);
						this.connectionSlots.release();
					}
				});
			}
			catch (IOException ex) {
				if (this.running) {
					logger.warn("Accepting a tentacle connection failed: {}", ex.getMessage());
				}
			}
		}
	}

	private void release(InetAddress address, AtomicInteger count) {
		if (count.decrementAndGet() <= 0) {
			this.perAddress.remove(address, count);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		try {
			if (this.serverSocket != null) {
				this.serverSocket.close();
			}
		}
		catch (IOException ex) {
			// Closing to stop accepting; an error here changes nothing.
		}
		this.control.sessions().all().forEach((session) -> session.close("brain is shutting down", true));
		ExecutorService current = this.connections;
		if (current != null) {
			// Let sessions record their disconnect before Redis goes away; interrupting
			// them would abort exactly that write.
			current.shutdown();
			try {
				if (!current.awaitTermination(5, TimeUnit.SECONDS)) {
					current.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				current.shutdownNow();
				Thread.currentThread().interrupt();
			}
		}
		if (this.watchdog != null) {
			this.watchdog.shutdownNow();
		}
	}

	@Override
	public boolean isAutoStartup() {
		return this.serve;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
