package io.octoplane.tentacle.file;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.FrameCodec;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.protocol.file.FileKind;
import io.octoplane.protocol.file.FileListSpec;
import io.octoplane.protocol.file.FileListing;
import io.octoplane.protocol.file.FileReceiveSpec;
import io.octoplane.protocol.file.FileSendSpec;
import io.octoplane.protocol.file.FileTree;
import io.octoplane.protocol.file.SentFile;
import io.octoplane.tentacle.command.CommandRunner;
import io.octoplane.tentacle.command.RunControl;
import io.octoplane.tentacle.connection.BrainDialer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the file modes of {@link RunCommand}: {@code file-receive}, {@code file-send} and
 * {@code file-list}. Like every command it never throws: a failure becomes a
 * {@link CommandOutcome#FAILED} result whose error says what went wrong on this node (no
 * such folder, not writable, disk full, checksum mismatch, unsafe archive).
 */
public final class FileCommands {

	private static final Logger logger = LoggerFactory.getLogger(FileCommands.class);

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

	private final FilePaths paths;

	private final BlobFetch fetch;

	private final FileSend send;

	private final Clock clock;

	private final Supplier<@Nullable String> nodeName;

	// Partial files being filled now: a second transfer of the same blob into the same
	// folder on this node must not append to the first one's file.
	private final Set<Path> partsInUse = ConcurrentHashMap.newKeySet();

	/**
	 * Creates the file commands of a tentacle.
	 * @param paths the workspace (base of relative paths) and the {@code @} aliases
	 * @param dialer dials data connections to the brain
	 * @param codec the frame codec
	 * @param spool folder for packing folders before they are sent
	 * @param clock the node clock for result times
	 * @param nodeName the node's name once the brain welcomed it, which keeps the
	 * temporary files of nodes that share a folder apart
	 */
	public FileCommands(NodePaths paths, BrainDialer dialer, FrameCodec codec, Path spool, Clock clock,
			Supplier<@Nullable String> nodeName) {
		this.paths = new FilePaths(paths, Path.of(System.getProperty("user.home")));
		this.nodeName = nodeName;
		this.fetch = new BlobFetch(dialer, codec, READ_TIMEOUT);
		this.send = new FileSend(dialer, codec, READ_TIMEOUT, spool);
		this.clock = clock;
	}

	/**
	 * Runs a file command.
	 * @param command the command, of a file mode
	 * @param control its handle; a cancel before the start is honoured
	 * @return the result; never {@code null}
	 */
	public CommandResult run(RunCommand command, RunControl control) {
		long startedAt = this.clock.millis();
		String cancelled = control.cancelledBeforeStart();
		if (cancelled != null) {
			return CommandRunner.cancelled(command.commandId(), startedAt, cancelled);
		}
		long deadline = System.nanoTime() + Duration.ofMillis(command.timeoutMillis()).toNanos();
		try {
			String output = switch (command.mode()) {
				case FILE_RECEIVE -> receive(Json.MAPPER.readValue(command.command(), FileReceiveSpec.class),
						command.commandId(), deadline, () -> control.cancelledBeforeStart() != null);
				case FILE_SEND -> Json.MAPPER
					.writeValueAsString(send(Json.MAPPER.readValue(command.command(), FileSendSpec.class), deadline));
				case FILE_LIST -> Json.MAPPER.writeValueAsString(list(command.command()));
				default -> throw new TransferFailedException("not a file command: " + command.mode());
			};
			return new CommandResult(command.commandId(), CommandOutcome.SUCCEEDED, 0, output, "", false, startedAt,
					this.clock.millis(), null);
		}
		catch (TransferFailedException ex) {
			// File commands start no process, so any cancel counts as "before start".
			String reason = control.cancelledBeforeStart();
			if (reason != null) {
				return new CommandResult(command.commandId(), CommandOutcome.CANCELLED, -1, "", "", false, startedAt,
						this.clock.millis(), reason);
			}
			return failed(command, startedAt, ex.getMessage());
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return failed(command, startedAt, "malformed file command: " + ex.getMessage());
		}
		catch (FileSystemException ex) {
			return failed(command, startedAt, describe(ex));
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("file command {} failed", command.commandId(), ex);
			return failed(command, startedAt, ex.toString());
		}
	}

	private String receive(FileReceiveSpec spec, String commandId, long deadline, BooleanSupplier cancelled)
			throws TransferFailedException, IOException {
		Path folder = this.paths.target(spec.targetDir());
		prepare(folder, spec.createTarget());
		// Named after the node as well as the blob: nodes that share the folder (NFS, or
		// several tentacles on one host) each fill their own, and the same blob sent
		// again later to this node resumes it.
		String node = this.nodeName.get();
		String tag = (node != null) ? node : "node";
		Path part = folder
			.resolve("." + spec.name() + "." + spec.sha256().substring(0, 12) + "." + tag + ".octoplane-part");
		if (!this.partsInUse.add(part)) {
			tag = tag + "." + commandId;
			part = folder
				.resolve("." + spec.name() + "." + spec.sha256().substring(0, 12) + "." + tag + ".octoplane-part");
			this.partsInUse.add(part);
		}
		try {
			this.fetch.fetch(spec, part, deadline, cancelled);
			Path installed;
			try {
				installed = Installer.install(spec, part, folder, tag);
			}
			catch (IOException ex) {
				Files.deleteIfExists(part);
				throw new TransferFailedException("cannot install into " + folder + ": " + describe(ex), ex);
			}
			logger.info("installed {} ({} bytes, sha256 {})", installed, spec.sizeBytes(), spec.sha256());
			return "installed " + installed + " (" + spec.sizeBytes() + " bytes, sha256 " + spec.sha256() + ")\n";
		}
		finally {
			this.partsInUse.remove(part);
		}
	}

	/**
	 * Fetches a blob from the brain into a file, over data connections as an upload does
	 * (resumed after a broken connection, digest checked), for work other than an upload:
	 * a nodeapp's archive.
	 * @param token the one-time transfer token
	 * @param sha256 the blob's digest
	 * @param sizeBytes its size
	 * @param part the file to fill; a partial one is resumed
	 * @param deadlineNanos {@link System#nanoTime()} after which no attempt starts
	 * @param cancelled whether the work was cancelled; checked between chunks
	 * @throws IOException if it cannot be fetched or does not match its digest
	 */
	public void fetchBlob(String token, String sha256, long sizeBytes, Path part, long deadlineNanos,
			BooleanSupplier cancelled) throws IOException {
		FileReceiveSpec spec = new FileReceiveSpec(token, sha256, sizeBytes, FileKind.FILE, "blob", "@workspace", false,
				0600);
		try {
			this.fetch.fetch(spec, part, deadlineNanos, cancelled);
		}
		catch (TransferFailedException ex) {
			throw new IOException(ex.getMessage(), ex);
		}
	}

	private SentFile send(FileSendSpec spec, long deadline) throws TransferFailedException, IOException {
		return this.send.send(spec, this.paths.source(spec.path()), deadline);
	}

	private FileListing list(String text) throws TransferFailedException, IOException {
		FileListSpec spec = FileListSpec.parse(text, Json.MAPPER);
		Path folder = this.paths.source(spec.path());
		try {
			return FileTree.list(folder, spec.depth());
		}
		catch (NoSuchFileException ex) {
			throw new TransferFailedException("no such folder: " + folder, ex);
		}
		catch (NotDirectoryException ex) {
			throw new TransferFailedException(folder + " is not a folder", ex);
		}
	}

	static void prepare(Path folder, boolean create) throws TransferFailedException {
		if (!Files.exists(folder)) {
			if (!create) {
				throw new TransferFailedException("target folder " + folder
						+ " does not exist (octl file upload creates it unless --no-create is given)");
			}
			try {
				Files.createDirectories(folder);
			}
			catch (IOException ex) {
				throw new TransferFailedException("cannot create target folder " + folder + ": " + describe(ex), ex);
			}
		}
		if (!Files.isDirectory(folder)) {
			throw new TransferFailedException("target " + folder + " is not a folder");
		}
		if (!Files.isWritable(folder)) {
			throw new TransferFailedException("target folder " + folder + " is not writable");
		}
	}

	private static String describe(IOException ex) {
		if (ex instanceof FileSystemException fs) {
			String reason = (fs.getReason() != null) ? fs.getReason() : ex.getClass().getSimpleName();
			return fs.getFile() + ": " + reason;
		}
		return (ex.getMessage() != null) ? ex.getMessage() : ex.toString();
	}

	private CommandResult failed(RunCommand command, long startedAt, String message) {
		logger.warn("file command {} failed: {}", command.commandId(), message);
		return new CommandResult(command.commandId(), CommandOutcome.FAILED, 1, "", message + "\n", false, startedAt,
				this.clock.millis(), message);
	}

	/**
	 * The mapper, made when the first such command arrives: a tentacle that only runs
	 * shell commands never loads Jackson's classes.
	 */
	private static final class Json {

		static final JsonMapper MAPPER = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();

	}

}
