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
 * answer stores nothing. It also serves this brain's blobs to its peers, and gives one of
 * them a copy of each blob stored here, so that a blob outlives the brain that took it.
 */
@Component
public class PeerBlobs implements PeerService {

	private static final Logger logger = LoggerFactory.getLogger(PeerBlobs.class);

	static final String BLOB = "blob";

	static final String COPY = "copy";

	/** The answer to {@link #COPY} when the peer has the blob already. */
	private static final String HAVE = "have";

	/** The answer to {@link #COPY} when the peer wants the bytes. */
	private static final String SEND = "send";

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

	/**
	 * Gives another brain a copy of a blob this brain holds, so that nodes and operators
	 * still get it if this brain dies before they fetched it. The others are tried in
	 * turn until one holds it; with no other brain up there is nothing to do.
	 * @param sha256 the blob's digest
	 * @return the brain that now holds a copy, or empty if none does
	 */
	public Optional<String> copyToAnother(String sha256) {
		Optional<Path> local = this.blobs.find(sha256);
		if (local.isEmpty()) {
			return Optional.empty();
		}
		for (Map.Entry<String, URI> peer : this.peers.others().entrySet()) {
			try (PeerConnection connection = this.peers.call(peer.getKey(), peer.getValue(), COPY, sha256)) {
				if (HAVE.equals(connection.detail()) || send(connection, local.get())) {
					return Optional.of(peer.getKey());
				}
			}
			catch (PeerRefusedException ex) {
				logger.info("Brain {} keeps no copy of blob {}: {}", peer.getKey(), sha256, ex.getMessage());
			}
			catch (IOException ex) {
				logger.info("Cannot copy blob {} to {}: {}", sha256, peer.getKey(), ex.toString());
			}
		}
		return Optional.empty();
	}

	private static boolean send(PeerConnection connection, Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			connection.out().writeLong(Files.size(file));
			in.transferTo(connection.out());
			connection.out().flush();
		}
		return connection.in().readBoolean();
	}

	private void receiveCopy(String sha256, PeerConnection connection) throws IOException {
		if (this.blobs.find(sha256).isPresent()) {
			connection.answer(PeerConnection.OK, HAVE);
			return;
		}
		connection.answer(PeerConnection.OK, SEND);
		boolean kept;
		try {
			kept = keep(connection, sha256, "a brain that copies it here").isPresent();
		}
		catch (IOException ex) {
			logger.info("Refused a copy of blob {}: {}", sha256, ex.getMessage());
			kept = false;
		}
		connection.out().writeBoolean(kept);
		connection.out().flush();
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
		return Set.of(BLOB, COPY);
	}

	@Override
	public void serve(String verb, List<String> arguments, PeerConnection connection) throws IOException {
		String sha256 = arguments.isEmpty() ? "" : arguments.get(0);
		boolean named = sha256.matches("[0-9a-f]{64}");
		if (COPY.equals(verb)) {
			if (named) {
				receiveCopy(sha256, connection);
			}
			else {
				connection.answer(PeerConnection.REFUSED, "not a blob's SHA-256: " + sha256);
			}
			return;
		}
		Optional<Path> found = named ? this.blobs.find(sha256) : Optional.empty();
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
