package io.octoplane.brain.peer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.octoplane.brain.config.BrainIdentity;
import io.octoplane.server.blob.BlobStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;

/**
 * Finds a blob on this brain, or fetches it from a peer that has it: an upload taken by
 * one brain is sent to a node held by another. The fetched bytes are staged, their
 * SHA-256 checked against the name asked for, and only then kept, so a wrong or cut
 * answer stores nothing.
 */
@Component
public class PeerBlobs {

	private static final Logger logger = LoggerFactory.getLogger(PeerBlobs.class);

	private final BlobStore blobs;

	private final PeerDirectory directory;

	private final BrainIdentity identity;

	private final PeerProperties properties;

	private final SslBundles bundles;

	/** Made on the first fetch: a brain run for a one-off command has no TLS files. */
	private volatile @Nullable HttpClient client;

	private final Counter fetched;

	PeerBlobs(BlobStore blobs, PeerDirectory directory, BrainIdentity identity, PeerProperties properties,
			SslBundles bundles, MeterRegistry registry) {
		this.blobs = blobs;
		this.directory = directory;
		this.identity = identity;
		this.properties = properties;
		this.bundles = bundles;
		this.fetched = Counter.builder("octoplane.blobs.fetched")
			.description("Blobs this brain fetched from another brain")
			.register(registry);
	}

	/**
	 * A blob's file on this brain, fetched from a peer first if only a peer has it.
	 * @param sha256 the blob's digest
	 * @return its file, or empty if no brain has it
	 */
	public Optional<Path> find(String sha256) {
		Optional<Path> local = this.blobs.find(sha256);
		if (local.isPresent()) {
			return local;
		}
		for (URI peer : this.directory.others(this.identity.name())) {
			try {
				Optional<Path> fetched = fetch(peer, sha256);
				if (fetched.isPresent()) {
					return fetched;
				}
			}
			catch (IOException ex) {
				logger.info("Cannot fetch blob {} from {}: {}", sha256, peer, ex.getMessage());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return Optional.empty();
			}
		}
		return Optional.empty();
	}

	private Optional<Path> fetch(URI peer, String sha256) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(peer.resolve("/blobs/" + sha256))
			.timeout(this.properties.timeout())
			.GET()
			.build();
		HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			if (response.statusCode() != 200) {
				return Optional.empty();
			}
			BlobStore.Staged staged = this.blobs.stage(body, Long.MAX_VALUE);
			if (!staged.sha256().equals(sha256)) {
				this.blobs.discard(staged);
				throw new IOException("the peer sent content whose SHA-256 is " + staged.sha256());
			}
			this.blobs.keep(staged);
			this.fetched.increment();
			logger.info("Fetched blob {} ({} bytes) from {}", sha256, staged.sizeBytes(), peer);
			return this.blobs.find(sha256);
		}
	}

	private HttpClient client() {
		HttpClient current = this.client;
		if (current == null) {
			synchronized (this) {
				current = this.client;
				if (current == null) {
					current = HttpClient.newBuilder()
						.sslContext(this.bundles.getBundle(this.properties.sslBundle()).createSslContext())
						.connectTimeout(this.properties.timeout())
						.build();
					this.client = current;
				}
			}
		}
		return current;
	}

}
