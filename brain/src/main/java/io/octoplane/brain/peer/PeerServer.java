package io.octoplane.brain.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.octoplane.brain.config.BrainIdentity;
import io.octoplane.brain.config.BrainProperties;
import io.octoplane.certs.CertificateRole;
import io.octoplane.server.blob.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Serves this brain's peers on the internal port: mutual TLS, and only a brain
 * certificate of the fleet gets an answer. Today it hands out blobs by their SHA-256
 * ({@code GET /blobs/<sha256>}), streamed from disk; the address is announced in the
 * {@link PeerDirectory} while the server runs.
 */
@Component
class PeerServer implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PeerServer.class);

	private static final Pattern BLOB = Pattern.compile("/blobs/([0-9a-f]{64})");

	private final PeerProperties properties;

	private final SslBundles bundles;

	private final PeerDirectory directory;

	private final BrainIdentity identity;

	private final BlobStore blobs;

	private final boolean serve;

	private volatile HttpsServer server;

	private volatile ExecutorService handlers;

	private volatile ScheduledExecutorService announcer;

	PeerServer(PeerProperties properties, SslBundles bundles, PeerDirectory directory, BrainIdentity identity,
			BlobStore blobs, BrainProperties brain) {
		this.properties = properties;
		this.serve = brain.serve();
		this.bundles = bundles;
		this.directory = directory;
		this.identity = identity;
		this.blobs = blobs;
	}

	@Override
	public void start() {
		try {
			HttpsServer https = HttpsServer.create(
					new InetSocketAddress(InetAddress.getByName(this.properties.address()), this.properties.port()),
					64);
			https.setHttpsConfigurator(
					new HttpsConfigurator(this.bundles.getBundle(this.properties.sslBundle()).createSslContext()) {
						@Override
						public void configure(HttpsParameters parameters) {
							SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
							ssl.setNeedClientAuth(true);
							ssl.setProtocols(new String[] { "TLSv1.3" });
							parameters.setSSLParameters(ssl);
						}
					});
			https.createContext("/", this::handle);
			this.handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("peer-", 0).factory());
			https.setExecutor(this.handlers);
			https.start();
			this.server = https;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot listen for peers on " + this.properties.address() + ":"
					+ this.properties.port() + ": " + ex.getMessage(), ex);
		}
		URI address = address();
		long every = this.properties.announceInterval().toMillis();
		this.announcer = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("peer-announcer").daemon().factory());
		this.announcer.scheduleWithFixedDelay(() -> announce(address, every * 3), 0, every, TimeUnit.MILLISECONDS);
		logger.info("Serving peers on {}", address);
	}

	/** The address peers dial. */
	URI address() {
		String host = this.properties.advertisedHost();
		if (host.isBlank()) {
			String rest = this.identity.info().addr();
			host = (rest.lastIndexOf(':') > 0) ? rest.substring(0, rest.lastIndexOf(':')) : rest;
		}
		return URI.create("https://" + host + ":" + this.server.getAddress().getPort());
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

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!fromBrain(exchange)) {
				exchange.sendResponseHeaders(403, -1);
				return;
			}
			var blob = BLOB.matcher(exchange.getRequestURI().getPath());
			if (!"GET".equals(exchange.getRequestMethod()) || !blob.matches()) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			Optional<Path> found = this.blobs.find(blob.group(1));
			if (found.isEmpty()) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			try (InputStream in = Files.newInputStream(found.get())) {
				exchange.sendResponseHeaders(200, Files.size(found.get()));
				try (OutputStream out = exchange.getResponseBody()) {
					in.transferTo(out);
				}
			}
		}
	}

	private static boolean fromBrain(HttpExchange exchange) {
		if (!(exchange instanceof HttpsExchange https)) {
			return false;
		}
		try {
			Certificate[] chain = https.getSSLSession().getPeerCertificates();
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
		HttpsServer https = this.server;
		if (https != null) {
			https.stop(0);
			this.handlers.shutdownNow();
		}
	}

	@Override
	public boolean isAutoStartup() {
		// A brain run for a one-off command (set-root-password) serves nothing.
		return this.serve;
	}

	@Override
	public boolean isRunning() {
		return this.server != null && this.announcer != null && !this.announcer.isShutdown();
	}

}
