package io.octoplane.brain.file;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import io.octoplane.brain.peer.PeerConnection;
import io.octoplane.brain.security.AuditTargets;
import io.octoplane.brain.security.Caller;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.BlobResponse;
import io.octoplane.protocol.api.FileFetchRequest;
import io.octoplane.protocol.api.FileListRequest;
import io.octoplane.protocol.api.FileUploadRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.file.FileListing;
import io.octoplane.protocol.file.TarArchives;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The file API: blobs stream in and out of the store (never whole in memory; a download
 * honours {@code Range}, so a client can resume), and file jobs start like commands: 202
 * with the job, each node's outcome in its result.
 */
@RestController
class FileController {

	private static final String TAR = "application/x-tar";

	private final FileService files;

	private final BrainFileStore store;

	private final StorePeers peers;

	FileController(FileService files, BrainFileStore store, StorePeers peers) {
		this.peers = peers;
		this.files = files;
		this.store = store;
	}

	/**
	 * Stores the request body (application/octet-stream) in the brain's blob store for
	 * later uploads to nodes; a blob already stored is not stored twice. Answers its
	 * SHA-256, which names it.
	 */
	@PostMapping(path = ApiPaths.FILE_BLOBS)
	ResponseEntity<BlobResponse> store(HttpServletRequest http) throws IOException {
		BlobResponse blob = this.files.store(http.getInputStream(), http.getContentLengthLong(), Caller.of(http));
		return ResponseEntity.created(URI.create(ApiPaths.FILE_BLOBS + "/" + blob.sha256())).body(blob);
	}

	/**
	 * Reads a blob of the brain's blob store by its SHA-256.
	 * @param sha256 the blob's SHA-256, in lowercase hex
	 */
	@GetMapping(ApiPaths.FILE_BLOB)
	ResponseEntity<Resource> read(@PathVariable String sha256, HttpServletRequest http) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(new FileSystemResource(this.files.open(sha256, Caller.of(http))));
	}

	/**
	 * Starts a job that copies a stored blob (or folder) to a folder on each target node.
	 * Answers 202 with the job; follow it under /api/v1/jobs/{id}.
	 */
	@PostMapping(ApiPaths.FILE_UPLOADS)
	ResponseEntity<JobResponse> upload(@RequestBody FileUploadRequest request, HttpServletRequest http) {
		AuditTargets.set(http, request.targets());
		return accepted(this.files.upload(request, Caller.of(http)));
	}

	/**
	 * Starts a job that reads a file or folder from each node into the brain's blob
	 * store, whence it can be downloaded. Answers 202 with the job.
	 */
	@PostMapping(ApiPaths.FILE_FETCHES)
	ResponseEntity<JobResponse> fetch(@RequestBody FileFetchRequest request, HttpServletRequest http) {
		AuditTargets.set(http, request.nodes());
		return accepted(this.files.fetch(request, Caller.of(http)));
	}

	/**
	 * Starts a job that lists a folder on each node. Answers 202 with the job, whose
	 * results hold the listings.
	 */
	@PostMapping(ApiPaths.FILE_LISTINGS)
	ResponseEntity<JobResponse> list(@RequestBody FileListRequest request, HttpServletRequest http) {
		AuditTargets.set(http, request.nodes());
		return accepted(this.files.list(request, Caller.of(http)));
	}

	/**
	 * Lists a folder of a brain's own file store, as Octopoda's brain file tree.
	 * @param path the folder, relative to the store; empty for its top
	 * @param depth how many levels below the folder to include, 0 for its entries only
	 * @param brain the brain whose store to list, by name; none for the one that answers
	 */
	@GetMapping(ApiPaths.FILE_STORE)
	FileListing listStore(@RequestParam(name = "path", defaultValue = "") String path,
			@RequestParam(name = "depth", defaultValue = "0") int depth,
			@RequestParam(name = "brain", required = false) @Nullable String brain, HttpServletRequest http) {
		if (brain != null && this.peers.isOther(brain)) {
			return this.peers.list(brain, path, depth, Caller.of(http).workgroup());
		}
		return this.store.list(path, depth, Caller.of(http).workgroup());
	}

	/**
	 * A file as it is, a folder packed as tar on the fly, as Octopoda's brain sends both.
	 * The tar is written straight to the response (a {@code null} answer tells Spring it
	 * was), never spooled whole.
	 * @param path the file or folder, relative to the store
	 * @param brain the brain whose store to read, by name; none for the one that answers
	 */
	@GetMapping(ApiPaths.FILE_STORE_CONTENT)
	@Nullable ResponseEntity<Resource> readStore(@RequestParam(name = "path") String path,
			@RequestParam(name = "brain", required = false) @Nullable String brain, HttpServletRequest http,
			HttpServletResponse response) throws IOException {
		if (brain != null && this.peers.isOther(brain)) {
			relay(this.peers.read(brain, path, Caller.of(http).workgroup()), response);
			return null;
		}
		Path entry = this.store.entry(path, Caller.of(http).workgroup());
		if (Files.isDirectory(entry)) {
			response.setStatus(200);
			response.setContentType(TAR);
			response.setHeader(ApiPaths.FILE_KIND_HEADER, "directory");
			TarArchives.pack(entry, response.getOutputStream());
			response.flushBuffer();
			return null;
		}
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.header(ApiPaths.FILE_KIND_HEADER, "file")
			.body(new FileSystemResource(entry));
	}

	/** Streams an entry of another brain's store as this brain would stream its own. */
	private static void relay(PeerConnection connection, HttpServletResponse response) throws IOException {
		try (connection) {
			String[] kind = connection.detail().split(" ");
			response.setStatus(200);
			response.setHeader(ApiPaths.FILE_KIND_HEADER, kind[0]);
			if ("directory".equals(kind[0])) {
				response.setContentType(TAR);
				connection.in().transferTo(response.getOutputStream());
			}
			else {
				long size = Long.parseLong(kind[1]);
				response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
				response.setContentLengthLong(size);
				long copied = connection.in().transferTo(response.getOutputStream());
				if (copied != size) {
					throw new IOException("the other brain sent " + copied + " of " + size + " bytes");
				}
			}
			response.flushBuffer();
		}
	}

	private static ResponseEntity<JobResponse> accepted(JobResponse job) {
		return ResponseEntity.accepted().location(URI.create(ApiPaths.JOBS + "/" + job.id())).body(job);
	}

}
