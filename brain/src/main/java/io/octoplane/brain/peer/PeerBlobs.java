package io.octoplane.brain.peer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.octoplane.server.blob.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Finds a blob on this brain, or fetches it from a peer that has it: an upload taken by
 * one brain is sent to a node held by another. The fetched bytes are staged, their
 * SHA-256 checked against the name asked for, and only then kept, so a wrong or cut
 * answer stores nothing. It also serves this brain's blobs to its peers.
 */
@Component
public class PeerBlobs implements PeerService {

	private static final Logger logger = LoggerFactory.getLogger(PeerBlobs.class);

	static final String BLOB = "blob";

	private final BlobStore blobs;

	private final PeerClient peers;

	private final Counter fetched;

	PeerBlobs(BlobStore blobs, PeerClient peers, MeterRegistry registry) {
		this.blobs = blobs;
		this.peers = peers;
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
		for (Map.Entry<String, URI> peer : this.peers.others().entrySet()) {
			try (PeerConnection connection = this.peers.call(peer.getKey(), peer.getValue(), BLOB, sha256)) {
				Optional<Path> fetched = keep(connection, sha256, peer.getKey());
				if (fetched.isPresent()) {
					return fetched;
				}
			}
			catch (PeerRefusedException ex) {
				// That brain lacks it too; ask the next.
			}
			catch (IOException ex) {
				logger.info("Cannot fetch blob {} from {}: {}", sha256, peer.getKey(), ex.toString());
			}
		}
		return Optional.empty();
	}

	private Optional<Path> keep(PeerConnection connection, String sha256, String peer) throws IOException {
		long size = connection.in().readLong();
		InputStream body = connection.in();
		BlobStore.Staged staged = this.blobs.stage(new BoundedInput(body, size), Long.MAX_VALUE);
		if (staged.sizeBytes() != size || !staged.sha256().equals(sha256)) {
			this.blobs.discard(staged);
			throw new IOException("the peer sent " + staged.sizeBytes() + " of " + size
					+ " bytes, content whose SHA-256 is " + staged.sha256());
		}
		this.blobs.keep(staged);
		this.fetched.increment();
		logger.info("Fetched blob {} ({} bytes) from {}", sha256, size, peer);
		return this.blobs.find(sha256);
	}

	@Override
	public Set<String> verbs() {
		return Set.of(BLOB);
	}

	@Override
	public void serve(String verb, List<String> arguments, PeerConnection connection) throws IOException {
		String sha256 = arguments.isEmpty() ? "" : arguments.get(0);
		Optional<Path> found = sha256.matches("[0-9a-f]{64}") ? this.blobs.find(sha256) : Optional.empty();
		if (found.isEmpty()) {
			connection.answer(PeerConnection.MISSING, "no blob " + sha256);
			return;
		}
		try (InputStream in = Files.newInputStream(found.get())) {
			connection.answer(PeerConnection.OK, "");
			connection.out().writeLong(Files.size(found.get()));
			in.transferTo(connection.out());
			connection.out().flush();
		}
	}

	/** The first bytes of a stream, without closing it. */
	private static final class BoundedInput extends InputStream {

		private final InputStream in;

		private long left;

		BoundedInput(InputStream in, long size) {
			this.in = in;
			this.left = size;
		}

		@Override
		public int read() throws IOException {
			if (this.left <= 0) {
				return -1;
			}
			int read = this.in.read();
			if (read >= 0) {
				this.left--;
			}
			return read;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.left <= 0) {
				return -1;
			}
			int read = this.in.read(buffer, offset, (int) Math.min(length, this.left));
			if (read > 0) {
				this.left -= read;
			}
			return read;
		}

	}

}
