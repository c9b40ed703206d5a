package io.octoplane.brain.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.octoplane.brain.peer.PeerClient;
import io.octoplane.brain.peer.PeerConnection;
import io.octoplane.brain.peer.PeerRefusedException;
import io.octoplane.brain.peer.PeerService;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.file.FileListing;
import io.octoplane.protocol.file.TarArchives;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.NotFoundException;
import io.octoplane.server.web.OctoplaneException;
import io.octoplane.server.web.UnavailableException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Each brain's file store seen from any brain: {@code file ls|download PATH brain:NAME}
 * taken by one brain is relayed over the peer port to the named brain, which lists or
 * streams the entry with the caller's workgroup as its own calls would. A refusal keeps
 * its code ({@code not-found}, {@code invalid-request}) across the relay.
 */
@Component
class StorePeers implements PeerService {

	static final String LIST = "store-list";

	static final String READ = "store-read";

	private static final int MAX_LISTING_BYTES = 64 << 20;

	private final BrainFileStore store;

	private final PeerClient peers;

	private final JsonMapper json;

	StorePeers(BrainFileStore store, PeerClient peers, JsonMapper json) {
		this.store = store;
		this.peers = peers;
		this.json = json;
	}

	/** Whether a brain named in a call is another than this one. */
	boolean isOther(String brain) {
		return !brain.isBlank() && !brain.equals(this.peers.self());
	}

	FileListing list(String brain, String path, int depth, String workgroup) {
		try (PeerConnection connection = call(brain, LIST, path, Integer.toString(depth), workgroup)) {
			int size = connection.in().readInt();
			if (size < 0 || size > MAX_LISTING_BYTES) {
				throw new IOException("a listing of " + size + " bytes");
			}
			return this.json.readValue(connection.in().readNBytes(size), FileListing.class);
		}
		catch (IOException ex) {
			throw new UnavailableException("cannot list the file store of " + brain + ": " + ex.getMessage());
		}
	}

	/**
	 * Opens an entry of another brain's store.
	 * @return the connection, its detail {@code file SIZE} or {@code directory} (a tar
	 * follows until the end of the stream)
	 */
	PeerConnection read(String brain, String path, String workgroup) {
		return call(brain, READ, path, workgroup);
	}

	private PeerConnection call(String brain, String verb, String... arguments) {
		try {
			return this.peers.call(brain, verb, arguments);
		}
		catch (PeerRefusedException ex) {
			if (ErrorCode.INVALID_REQUEST.slug().equals(ex.status())) {
				throw new InvalidRequestException(Objects.requireNonNull(ex.getMessage()));
			}
			throw new NotFoundException(ErrorCode.NOT_FOUND, Objects.requireNonNull(ex.getMessage()));
		}
		catch (IOException ex) {
			throw new UnavailableException(ex.getMessage());
		}
	}

	@Override
	public Set<String> verbs() {
		return Set.of(LIST, READ);
	}

	@Override
	public void serve(String verb, List<String> arguments, PeerConnection connection) throws IOException {
		try {
			if (LIST.equals(verb)) {
				byte[] listing = this.json.writeValueAsBytes(
						this.store.list(arguments.get(0), Integer.parseInt(arguments.get(1)), arguments.get(2)));
				connection.answer(PeerConnection.OK, "");
				connection.out().writeInt(listing.length);
				connection.out().write(listing);
				connection.out().flush();
				return;
			}
			Path entry = this.store.entry(arguments.get(0), arguments.get(1));
			send(entry, connection);
		}
		catch (OctoplaneException ex) {
			connection.answer(ex.code().slug(), Objects.toString(ex.getBody().getDetail(), ex.code().slug()));
		}
		catch (IndexOutOfBoundsException | NumberFormatException ex) {
			connection.answer(PeerConnection.REFUSED, "a " + verb + " call with the wrong arguments");
		}
	}

	private static void send(Path entry, PeerConnection connection) throws IOException {
		OutputStream out = connection.out();
		try {
			if (Files.isDirectory(entry)) {
				connection.answer(PeerConnection.OK, "directory");
				TarArchives.pack(entry, out);
			}
			else {
				try (InputStream in = Files.newInputStream(entry)) {
					connection.answer(PeerConnection.OK, "file " + Files.size(entry));
					in.transferTo(out);
				}
			}
			out.flush();
		}
		catch (IOException | RuntimeException ex) {
			// A cut must not reach the operator as a whole file.
			connection.abort();
			throw ex;
		}
	}

}
