package io.octoplane.brain.peer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import io.octoplane.brain.config.BrainIdentity;
import io.octoplane.brain.config.BrainProperties;
import io.octoplane.certs.CertificateRole;
import io.octoplane.protocol.agent.LinkSockets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Serves this brain's peers on the internal port: TLS 1.3 with client certificates, and
 * only a brain certificate of the fleet gets an answer. Each connection carries one call
 * (see {@link PeerConnection}), served on a virtual thread by the {@link PeerService} of
 * its verb: blobs by their SHA-256, tunnels relayed between brains. The address is
 * announced in the {@link PeerDirectory} while the server runs.
 */
@Component
class PeerServer implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PeerServer.class);

	private final PeerProperties properties;

	private final SslBundles bundles;

	private final PeerDirectory directory;

	private final BrainIdentity identity;

	private final Map<String, PeerService> services = new HashMap<>();

	private final boolean serve;

	private final Set<Socket> live = ConcurrentHashMap.newKeySet();

	private volatile @Nullable ServerSocket server;

	private volatile @Nullable ScheduledExecutorService announcer;

	PeerServer(PeerProperties properties, SslBundles bundles, PeerDirectory directory, BrainIdentity identity,
			List<PeerService> services, BrainProperties brain) {
		this.properties = properties;
		this.serve = brain.serve();
		this.bundles = bundles;
		this.directory = directory;
		this.identity = identity;
		for (PeerService service : services) {
			service.verbs().forEach((verb) -> this.services.put(verb, service));
		}
	}

	@Override
	public void start() {
		try {
			SSLServerSocket listener = (SSLServerSocket) this.bundles.getBundle(this.properties.sslBundle())
				.createSslContext()
				.getServerSocketFactory()
				.createServerSocket(this.properties.port(), 64, InetAddress.getByName(this.properties.address()));
			listener.setNeedClientAuth(true);
			listener.setEnabledProtocols(new String[] { "TLSv1.3" });
			this.server = listener;
			Thread.ofPlatform().name("peer-accept").daemon().start(() -> accept(listener));
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot listen for peers on " + this.properties.address() + ":"
					+ this.properties.port() + ": " + ex.getMessage(), ex);
		}
		URI address = address();
		long every = this.properties.announceInterval().toMillis();
		ScheduledExecutorService scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("peer-announcer").daemon().factory());
		scheduler.scheduleWithFixedDelay(() -> announce(address, every * 3), 0, every, TimeUnit.MILLISECONDS);
		this.announcer = scheduler;
		logger.info("Serving peers on {}", address);
	}

	/** The address peers dial. */
	URI address() {
		String host = this.properties.advertisedHost();
		if (host.isBlank()) {
			String rest = this.identity.info().addr();
			host = (rest.lastIndexOf(':') > 0) ? rest.substring(0, rest.lastIndexOf(':')) : rest;
		}
		ServerSocket listener = this.server;
		int port = (listener != null) ? listener.getLocalPort() : this.properties.port();
		return URI.create("tls://" + host + ":" + port);
	}

	private void announce(URI address, long ttlMillis) {
		try {
			this.directory.announce(this.identity.name(), address, ttlMillis);
		}
		catch (RuntimeException ex) {
			// Redis away for a moment; announced again next time.
			logger.warn("Cannot announce the peer address: {}", ex.getMessage());
		}
	}

	private void accept(ServerSocket listener) {
		while (!listener.isClosed()) {
			try {
				Socket socket = listener.accept();
				this.live.add(socket);
				Thread.ofVirtual().name("peer-call").start(() -> serve((SSLSocket) socket));
			}
			catch (IOException ex) {
				if (!listener.isClosed()) {
					logger.warn("Cannot accept a peer connection: {}", ex.getMessage());
				}
			}
		}
	}

	private void serve(SSLSocket socket) {
		try (PeerConnection connection = new PeerConnection(socket)) {
			// Bounded until the call is read: a silent caller holds nothing for long.
			socket.setSoTimeout((int) this.properties.timeout().toMillis());
			socket.setTcpNoDelay(true);
			socket.startHandshake();
			// The call is read before any refusal, so that the caller has written all of
			// it
			// and reads the reason instead of a reset connection.
			List<String> call = connection.readCall();
			if (!fromBrain(socket)) {
				connection.answer(PeerConnection.REFUSED, "only brains are served on the peer port");
				return;
			}
			PeerService service = this.services.get(call.get(0));
			if (service == null) {
				connection.answer(PeerConnection.REFUSED, "no such peer call: " + call.get(0));
				return;
			}
			service.serve(call.get(0), call.subList(1, call.size()), connection);
		}
		catch (IOException ex) {
			logger.debug("A peer call ended: {}", ex.getMessage());
		}
		finally {
			this.live.remove(socket);
		}
	}

	private static boolean fromBrain(SSLSocket socket) {
		try {
			Certificate[] chain = socket.getSession().getPeerCertificates();
			return chain.length > 0 && chain[0] instanceof X509Certificate cert
					&& CertificateRole.of(cert).orElse(null) == CertificateRole.BRAIN;
		}
		catch (SSLPeerUnverifiedException ex) {
			return false;
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.announcer;
		if (running != null) {
			running.shutdownNow();
			// Bounded: with Redis already gone (a JVM exiting) the entry lapses by
			// itself, and shutdown must not wait for a command timeout.
			try {
				CompletableFuture.runAsync(() -> this.directory.withdraw(this.identity.name()))
					.get(2, TimeUnit.SECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				logger.info("Peer address not withdrawn; it lapses by itself: {}", ex.toString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		ServerSocket listener = this.server;
		if (listener != null) {
			try {
				listener.close();
			}
			catch (IOException ex) {
				// Closing anyway.
			}
			// Calls in flight (relayed tunnels) break, as the brain's own do.
			this.live.forEach(LinkSockets::reset);
		}
	}

	@Override
	public boolean isAutoStartup() {
		// A brain run for a one-off command (set-root-password) serves nothing.
		return this.serve;
	}

	@Override
	public boolean isRunning() {
		ScheduledExecutorService running = this.announcer;
		return this.server != null && running != null && !running.isShutdown();
	}

}
