package io.octoplane.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.LongConsumer;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.BlobResponse;
import io.octoplane.protocol.api.FileFetchRequest;
import io.octoplane.protocol.api.FileListRequest;
import io.octoplane.protocol.api.FileUploadRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.digest.Sha256;
import io.octoplane.protocol.file.FileKind;
import io.octoplane.protocol.file.FileListing;
import io.octoplane.protocol.file.FileNames;
import io.octoplane.protocol.file.SentFile;
import io.octoplane.protocol.file.TarArchives;
import org.jspecify.annotations.Nullable;

/**
 * File calls of an {@link OctoplaneClient}. A local file or folder goes up to the brain
 * once (a folder as tar, spooled to a temporary file first) and each node fetches it from
 * there over its own data connection; a node's file comes down the same way in reverse.
 * Every transfer is checked end to end with SHA-256, streamed (never whole in memory) and
 * written under a temporary name first, so a failure never leaves half a file under the
 * real name.
 */
public final class FileApi {

	private final Transport transport;

	FileApi(Transport transport) {
		this.transport = transport;
	}

	/**
	 * A local file or folder stored on the brain, ready to install on nodes.
	 *
	 * @param blob the stored blob
	 * @param kind a file or a packed folder
	 * @param name the file or folder name
	 * @param mode POSIX permission bits of a file
	 */
	public record StagedFile(BlobResponse blob, FileKind kind, String name, int mode) {

	}

	/**
	 * Streams a local file or folder into the brain's blob store.
	 * @param local the file or folder
	 * @param progress receives the bytes sent so far
	 * @return what was stored
	 * @throws IOException if the local file cannot be read
	 * @throws OctoplaneApiException if the brain refused it (for example too large), or
	 * its digest differs from ours
	 */
	public StagedFile stage(Path local, LongConsumer progress) throws IOException {
		Path source = local.toAbsolutePath().normalize();
		if (!Files.exists(source)) {
			throw new IOException("no such file or folder: " + local);
		}
		String name = FileNames.requireSegment(source.getFileName().toString());
		int mode = TarArchives.toMode(Files.getPosixFilePermissions(source));
		if (!Files.isDirectory(source)) {
			return new StagedFile(putBlob(source, progress), FileKind.FILE, name, mode);
		}
		Path spool = Files.createTempFile("octl-", ".tar");
		try {
			try (OutputStream out = Files.newOutputStream(spool)) {
				TarArchives.pack(source, out);
			}
			return new StagedFile(putBlob(spool, progress), FileKind.DIRECTORY, name, mode);
		}
		finally {
			Files.deleteIfExists(spool);
		}
	}

	/**
	 * Installs a staged file on nodes ({@code POST /api/v1/files/uploads}); follow the
	 * job with {@link JobApi#await}.
	 * @param staged what {@link #stage} returned
	 * @param targetDir the folder on the nodes
	 * @param targets node names or {@code @group}s
	 * @param createTarget whether a missing target folder is created
	 * @param timeout transfer time limit per node
	 * @param waitOffline how long offline nodes may take to come back
	 * @return the accepted job
	 */
	public JobResponse install(StagedFile staged, String targetDir, List<String> targets, boolean createTarget,
			Duration timeout, Duration waitOffline) {
		FileUploadRequest request = new FileUploadRequest(targets, staged.blob().sha256(), staged.kind(), staged.name(),
				targetDir, createTarget, staged.mode(), seconds(timeout), seconds(waitOffline));
		return post(ApiPaths.FILE_UPLOADS, request);
	}

	/**
	 * Has a node send a file or folder to the brain's blob store ({@code POST
	 * /api/v1/files/fetches}); the job's result output is a {@link SentFile}.
	 * @param node the node
	 * @param path the file or folder on it
	 * @param timeout transfer time limit
	 * @return the accepted job
	 */
	public JobResponse fetch(String node, String path, Duration timeout) {
		return post(ApiPaths.FILE_FETCHES, new FileFetchRequest(node, path, seconds(timeout), 0L));
	}

	/**
	 * Has nodes send their copy of a file or folder to the brain's blob store, one job
	 * for all ({@code POST /api/v1/files/fetches}); see {@link #sentFiles(JobResponse)}.
	 * @param targets node names, {@code @group}s or {@code ALL}
	 * @param path the file or folder on each
	 * @param timeout transfer time limit per node
	 * @return the accepted job
	 */
	public JobResponse fetch(List<String> targets, String path, Duration timeout) {
		return post(ApiPaths.FILE_FETCHES, new FileFetchRequest(null, path, seconds(timeout), 0L, targets));
	}

	/**
	 * What each node of a finished fetch job sent, in the job's order.
	 * @param job the job, done
	 * @return each node's file or why it has none
	 */
	public List<NodeSentFile> sentFiles(JobResponse job) {
		List<NodeSentFile> sent = new ArrayList<>();
		for (NodeCommandResult result : job.results()) {
			try {
				sent.add(new NodeSentFile(result.name(),
						this.transport.mapper().readValue(succeededOutput(result), SentFile.class), null));
			}
			catch (FileTransferException ex) {
				sent.add(new NodeSentFile(result.name(), null, ex.getMessage()));
			}
		}
		return sent;
	}

	/**
	 * One node's part of a fetch job.
	 *
	 * @param node the node
	 * @param sent what it sent, or {@code null} if it sent nothing
	 * @param error why it sent nothing, or {@code null}
	 */
	public record NodeSentFile(String node, @Nullable SentFile sent, @Nullable String error) {

	}

	/**
	 * Starts listing one level of a folder of a node ({@code POST
	 * /api/v1/files/listings}); the job's result output is a {@link FileListing}, see
	 * {@link #listing(JobResponse)}.
	 * @param node the node
	 * @param path the folder
	 * @return the accepted job
	 */
	public JobResponse list(String node, String path) {
		return list(List.of(node), path, 1);
	}

	/**
	 * Starts listing a folder of nodes as a tree ({@code POST /api/v1/files/listings});
	 * each node's result output is a {@link FileListing}, see
	 * {@link #listings(JobResponse)}.
	 * @param targets node names, {@code @group}s or {@code ALL}
	 * @param path the folder
	 * @param depth levels to list, 1 for the folder's own entries, 0 for every level
	 * @return the accepted job
	 */
	public JobResponse list(List<String> targets, String path, int depth) {
		return post(ApiPaths.FILE_LISTINGS, new FileListRequest(null, path, depth, targets));
	}

	/**
	 * The listings a finished list job produced, one per node in the job's order.
	 * @param job the job, done
	 * @return each node's listing or why it has none
	 */
	public List<NodeListing> listings(JobResponse job) {
		List<NodeListing> listings = new ArrayList<>();
		for (NodeCommandResult result : job.results()) {
			try {
				listings.add(new NodeListing(result.name(),
						this.transport.mapper().readValue(succeededOutput(result), FileListing.class), null));
			}
			catch (FileTransferException ex) {
				listings.add(new NodeListing(result.name(), null, ex.getMessage()));
			}
		}
		return listings;
	}

	/**
	 * One node's part of a listing job.
	 *
	 * @param node the node
	 * @param listing its listing, or {@code null} if it has none
	 * @param error why it has none, or {@code null}
	 */
	public record NodeListing(String node, @Nullable FileListing listing, @Nullable String error) {

	}

	/**
	 * The brain's file store: list it and download from it by path.
	 * @return the calls
	 */
	public FileStoreApi store() {
		return new FileStoreApi(this.transport);
	}

	/**
	 * The listing a finished list job produced.
	 * @param job the job, done and succeeded
	 * @return the listing
	 * @throws FileTransferException if the node did not list it; the message says why
	 */
	public FileListing listing(JobResponse job) {
		return this.transport.mapper().readValue(succeededOutput(job), FileListing.class);
	}

	/**
	 * What a finished fetch job sent to the brain.
	 * @param job the job, done and succeeded
	 * @return the sent file
	 * @throws FileTransferException if the node did not send it; the message says why
	 */
	public SentFile sent(JobResponse job) {
		return this.transport.mapper().readValue(succeededOutput(job), SentFile.class);
	}

	/**
	 * Copies a blob sent by a node to a local folder: a file as {@code name}, a folder
	 * unpacked as {@code name/} (with the archive rules of {@link TarArchives}). Resumes
	 * a partial download left by an earlier attempt.
	 * @param sent what the node sent
	 * @param localDir the local folder, created if missing
	 * @param progress receives the bytes received so far
	 * @return the file or folder written
	 * @throws IOException if writing fails, the digest differs or the archive is unsafe
	 */
	public Path download(SentFile sent, Path localDir, LongConsumer progress) throws IOException {
		Files.createDirectories(localDir);
		String name = FileNames.requireSegment(sent.name());
		Path part = localDir.resolve("." + name + "." + sent.sha256().substring(0, 12) + ".octoplane-part");
		getBlob(sent.sha256(), part, progress);
		String actual = Sha256.of(part);
		if (!actual.equals(sent.sha256())) {
			Files.deleteIfExists(part);
			throw new IOException("checksum mismatch: expected " + sent.sha256() + ", got " + actual);
		}
		if (sent.kind() == FileKind.FILE) {
			Files.setPosixFilePermissions(part, TarArchives.toPermissions(sent.mode()));
		}
		return DownloadLanding.land(part, localDir, name, sent.kind() != FileKind.FILE);
	}

	private void getBlob(String sha256, Path part, LongConsumer progress) throws IOException {
		RangedGet.into(
				this.transport, this.transport
					.request(ApiPaths.FILE_BLOB.replace("{sha256}", Transport.segment(sha256)), new StringJoiner("&")),
				part, progress);
	}

	private BlobResponse putBlob(Path file, LongConsumer progress) throws IOException {
		long size = Files.size(file);
		MessageDigest digest = Sha256.newDigest();
		HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers
			.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
				digest.reset();
				try {
					return new Counting(new DigestInputStream(Files.newInputStream(file), digest), progress);
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}), size);
		HttpRequest.Builder post = this.transport.request(ApiPaths.FILE_BLOBS, new StringJoiner("&"))
			.header("Content-Type", "application/octet-stream")
			.POST(body);
		BlobResponse blob = this.transport.send(post, Duration.ofDays(1), BlobResponse.class);
		String ours = Sha256.hex(digest);
		if (!blob.sha256().equals(ours) || blob.sizeBytes() != size) {
			throw new IOException("the brain stored sha256 " + blob.sha256() + " (" + blob.sizeBytes() + " bytes) but "
					+ ours + " (" + size + " bytes) was sent");
		}
		return blob;
	}

	private String succeededOutput(JobResponse job) {
		return succeededOutput(job.results().get(0));
	}

	private static String succeededOutput(NodeCommandResult result) {
		if (!"succeeded".equals(result.state())) {
			String why = (result.error() != null) ? result.error() : result.state();
			throw new FileTransferException("node " + result.name() + " (" + result.state() + "): " + why);
		}
		return result.output();
	}

	private JobResponse post(String path, Object request) {
		byte[] body = this.transport.mapper().writeValueAsBytes(request);
		return this.transport.send(
				this.transport.request(path, new StringJoiner("&"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofByteArray(body)),
				this.transport.requestTimeout(), JobResponse.class);
	}

	private static Long seconds(Duration duration) {
		return Math.max(0, (duration.toMillis() + 999) / 1000);
	}

	/** Reports the bytes read so far. */
	private static final class Counting extends java.io.FilterInputStream {

		private final LongConsumer progress;

		private long count;

		Counting(InputStream in, LongConsumer progress) {
			super(in);
			this.progress = progress;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = this.in.read(buffer, offset, length);
			if (read > 0) {
				this.count += read;
				this.progress.accept(this.count);
			}
			return read;
		}

	}

}
