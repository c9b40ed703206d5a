package io.octoplane.brain.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.octoplane.brain.file.TransferTokens.Direction;
import io.octoplane.brain.job.JobService;
import io.octoplane.brain.peer.PeerBlobs;
import io.octoplane.brain.security.Caller;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.BlobResponse;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.FileFetchRequest;
import io.octoplane.protocol.api.FileListRequest;
import io.octoplane.protocol.api.FileUploadRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.file.FileListSpec;
import io.octoplane.protocol.file.FileNames;
import io.octoplane.protocol.file.FileReceiveSpec;
import io.octoplane.protocol.file.FileSendSpec;
import io.octoplane.server.blob.BlobStore;
import io.octoplane.server.blob.StoredBlob;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.UnavailableException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * File operations of the API. Transfers to and from nodes are jobs on the durable command
 * path, so an offline node gets the same honest per-node state as for a command
 * ({@code expired}, or {@code queued} until it comes back within the wait) and a result
 * survives link cuts and restarts; only the bytes take the data connection.
 */
@Service
class FileService {

	/** A transfer token outlives its job's deadlines by this much. */
	private static final Duration TOKEN_MARGIN = Duration.ofMinutes(10);

	private static final Duration LIST_TIMEOUT = Duration.ofSeconds(60);

	private final BlobStore blobs;

	private final BlobAccess access;

	private final TransferTokens tokens;

	private final JobService jobs;

	private final WorkgroupService workgroups;

	private final FileProperties properties;

	private final JsonMapper json;

	private final PeerBlobs peers;

	FileService(BlobStore blobs, BlobAccess access, TransferTokens tokens, JobService jobs, WorkgroupService workgroups,
			FileProperties properties, JsonMapper json, PeerBlobs peers) {
		this.peers = peers;
		this.blobs = blobs;
		this.access = access;
		this.tokens = tokens;
		this.jobs = jobs;
		this.workgroups = workgroups;
		this.properties = properties;
		this.json = json;
	}

	BlobResponse store(InputStream body, long declaredLength, Caller caller) {
		long limit = this.properties.maxBlobSize().toBytes();
		if (declaredLength > limit) {
			throw this.blobs.tooLarge(limit);
		}
		StoredBlob stored;
		try {
			stored = this.access.store(body, caller.workgroup());
		}
		catch (IOException ex) {
			throw new UnavailableException("cannot store the blob: " + ex.getMessage());
		}
		return new BlobResponse(stored.sha256(), stored.sizeBytes());
	}

	Path open(String sha256, Caller caller) {
		// A blob of another workgroup is answered exactly like a missing one.
		return this.access.open(sha256, caller.workgroup());
	}

	JobResponse upload(FileUploadRequest request, Caller caller) {
		open(request.sha256(), caller);
		plainName(request.name());
		requirePath(request.targetDir(), "target_dir");
		if (request.mode() < 0 || request.mode() > 0777) {
			throw new InvalidRequestException("mode must be permission bits between 0 and 0777");
		}
		List<String> nodes = this.workgroups.expandTargets(caller.workgroup(), request.targets());
		long size = this.peers.find(request.sha256()).map((path) -> path.toFile().length()).orElse(0L);
		String token = this.access.issueToNodes(request.sha256(), caller.workgroup(), nodes,
				tokenLifetime(request.timeoutSeconds(), request.waitOfflineSeconds()));
		FileReceiveSpec spec = new FileReceiveSpec(token, request.sha256(), size, request.kind(), request.name(),
				request.targetDir(), !Boolean.FALSE.equals(request.createTarget()), request.mode());
		return this.jobs.submit(command(request.targets(), CommandMode.FILE_RECEIVE, this.json.writeValueAsString(spec),
				timeout(request.timeoutSeconds()), request.waitOfflineSeconds()), caller);
	}

	JobResponse fetch(FileFetchRequest request, Caller caller) {
		requirePath(request.path(), "path");
		// Each node sends its own copy under the one token.
		List<String> nodes = this.workgroups.expandTargets(caller.workgroup(), request.nodes());
		String token = this.tokens.issue(Direction.FROM_NODE, "", caller.workgroup(), nodes,
				tokenLifetime(request.timeoutSeconds(), request.waitOfflineSeconds()));
		String spec = this.json.writeValueAsString(new FileSendSpec(token, request.path()));
		return this.jobs.submit(command(nodes, CommandMode.FILE_SEND, spec, timeout(request.timeoutSeconds()),
				request.waitOfflineSeconds()), caller);
	}

	JobResponse list(FileListRequest request, Caller caller) {
		requirePath(request.path(), "path");
		FileListSpec spec;
		try {
			spec = new FileListSpec(request.path(), (request.depth() != null) ? request.depth() : 0);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException(ex.getMessage());
		}
		return this.jobs.submit(command(request.nodes(), CommandMode.FILE_LIST, this.json.writeValueAsString(spec),
				LIST_TIMEOUT.toSeconds(), null), caller);
	}

	private static CommandRequest command(List<String> targets, CommandMode mode, String text, long timeoutSeconds,
			@Nullable Long waitOfflineSeconds) {
		return new CommandRequest(targets, mode, text, timeoutSeconds, null, waitOfflineSeconds, null, null, null,
				null);
	}

	private long timeout(@Nullable Long timeoutSeconds) {
		return (timeoutSeconds != null) ? timeoutSeconds : this.properties.defaultTimeout().toSeconds();
	}

	private Duration tokenLifetime(@Nullable Long timeoutSeconds, @Nullable Long waitOfflineSeconds) {
		long wait = (waitOfflineSeconds != null) ? Math.max(0, waitOfflineSeconds) : 0;
		return Duration.ofSeconds(timeout(timeoutSeconds) + wait).plus(TOKEN_MARGIN);
	}

	private static void plainName(String name) {
		try {
			FileNames.requireSegment(name);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("name: " + ex.getMessage());
		}
	}

	private static void requirePath(String path, String what) {
		if (path.isBlank() || path.indexOf('\0') >= 0) {
			throw new InvalidRequestException(what + " must be a path on the node");
		}
	}

}
