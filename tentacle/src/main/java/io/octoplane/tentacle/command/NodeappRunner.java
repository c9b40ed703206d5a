package io.octoplane.tentacle.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.octoplane.protocol.agent.CommandOutcome;
import io.octoplane.protocol.agent.CommandResult;
import io.octoplane.protocol.agent.NodeappReport;
import io.octoplane.protocol.agent.NodeappTask;
import io.octoplane.protocol.agent.RunCommand;
import io.octoplane.tentacle.nodeapp.NodeappArchive;
import io.octoplane.tentacle.nodeapp.NodeappGit;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@link NodeappTask}s. A nodeapp lives in {@code <workspace>/<app>@<scenario>}; its
 * scripts in {@code <workspace>/.octoplane/scripts/<app>@<scenario>}, outside the nodeapp
 * so they are not part of its git history. Scripts run in the nodeapp folder with
 * Octopoda's {@code OCTOPODA_*} variables, so Octopoda scenarios run unchanged.
 */
final class NodeappRunner {

	private final Path workspace;

	private final ScriptEnvironment environment;

	private final Shell shell;

	private final ForegroundRun foreground;

	private final Clock clock;

	private final BlobFetcher fetcher;

	NodeappRunner(Path workspace, ScriptEnvironment environment, Shell shell, ForegroundRun foreground, Clock clock,
			BlobFetcher fetcher) {
		this.workspace = workspace;
		this.environment = environment;
		this.shell = shell;
		this.foreground = foreground;
		this.clock = clock;
		this.fetcher = fetcher;
	}

	CommandResult run(RunCommand command, RunControl control) {
		long startedAt = this.clock.millis();
		NodeappTask task;
		try {
			task = Json.MAPPER.readValue(command.command(), NodeappTask.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return CommandRunner.error(command, startedAt, this.clock.millis(),
					"not a nodeapp task: " + ex.getMessage());
		}
		Path folder = this.workspace.resolve(task.folder());
		Path scripts = this.workspace.resolve(CommandRunner.STATE_FOLDER).resolve("scripts").resolve(task.folder());
		NodeappGit git = new NodeappGit(folder, node());
		try {
			return switch (task.action()) {
				case SYNC -> {
					if (sync(command, control, task, scripts, folder)) {
						git.ensure();
					}
					yield done(command, startedAt, new NodeappReport("", "", git.head(), null));
				}
				case RUN -> runScript(command, control, task, folder, scripts, git);
				case COMMIT -> done(command, startedAt,
						new NodeappReport("", "", git.commit(required(task.message(), "message")), null));
				case RESET -> done(command, startedAt, new NodeappReport("", "",
						git.reset(required(task.commit(), "commit"), required(task.message(), "message")), null));
				case LOG -> done(command, startedAt, new NodeappReport("", "", git.head(), git.log()));
				case PURGE -> {
					NodeappGit.deleteTree(folder);
					NodeappGit.deleteTree(scripts);
					yield done(command, startedAt, new NodeappReport("", "", null, null));
				}
			};
		}
		catch (IOException | RuntimeException ex) {
			return CommandRunner.error(command, startedAt, this.clock.millis(),
					task.action().name().toLowerCase() + " " + task.folder() + ": " + ex.getMessage());
		}
	}

	/**
	 * Fetches the task's archive into the agent's own folder, then unpacks it.
	 * @return whether it held sources
	 */
	private boolean sync(RunCommand command, RunControl control, NodeappTask task, Path scripts, Path folder)
			throws IOException {
		NodeappTask.ArchiveBlob archive = task.archive();
		if (archive == null) {
			throw new IOException("the task has no archive");
		}
		Path parts = Files.createDirectories(this.workspace.resolve(CommandRunner.STATE_FOLDER).resolve("nodeapps"));
		// Named after the archive, so a sync sent again after a failed fetch resumes the
		// partial file; a fetched one is removed once unpacked.
		Path part = parts.resolve(task.folder() + "." + archive.sha256().substring(0, 12) + ".tar.gz.part");
		long deadline = System.nanoTime() + Duration.ofMillis(command.timeoutMillis()).toNanos();
		this.fetcher.fetch(archive.token(), archive.sha256(), archive.sizeBytes(), part, deadline,
				() -> control.cancelledBeforeStart() != null);
		try (InputStream in = Files.newInputStream(part)) {
			return NodeappArchive.unpack(in, scripts, folder);
		}
		finally {
			Files.deleteIfExists(part);
		}
	}

	private CommandResult runScript(RunCommand command, RunControl control, NodeappTask task, Path folder, Path scripts,
			NodeappGit git) throws IOException {
		String file = required(task.file(), "file");
		Path script = scripts.resolve(file).normalize();
		if (!script.startsWith(scripts) || !Files.isRegularFile(script)) {
			throw new IOException("script " + file + " is not in the nodeapp's scripts; apply the scenario again");
		}
		if (!Files.isDirectory(folder)) {
			throw new IOException("the nodeapp does not exist on this node; run the prepare target first");
		}
		Path outputs = this.workspace.resolve(CommandRunner.STATE_FOLDER).resolve(CommandRunner.OUTPUT_FOLDER);
		try (OutputFile output = OutputFile.create(outputs, command.commandId())) {
			Map<String, String> env = this.environment.nodeapp(folder, file, output.path(), task.app(), task.scenario(),
					task.target());
			CommandResult ran = this.shell
				.noted(this.foreground.run(command, this.shell.script(script), folder, env, control));
			OutputFile.Contents written = output.read(this.foreground.outputLimit(command));
			NodeappReport report = new NodeappReport((written.text() != null) ? written.text() : "", ran.stdout(),
					git.head(), null);
			return written.addTo(new CommandResult(ran.commandId(), ran.outcome(), ran.exitCode(),
					Json.MAPPER.writeValueAsString(report), ran.stderr(), ran.outputTruncated(), ran.startedAtMillis(),
					ran.finishedAtMillis(), ran.error()));
		}
	}

	private CommandResult done(RunCommand command, long startedAt, NodeappReport report) {
		return new CommandResult(command.commandId(), CommandOutcome.SUCCEEDED, 0,
				Json.MAPPER.writeValueAsString(report), "", false, startedAt, this.clock.millis(), null);
	}

	private String node() {
		return this.environment.nodeName();
	}

	/** Fetches a blob from the brain over data connections, digest checked. */
	@FunctionalInterface
	interface BlobFetcher {

		void fetch(String token, String sha256, long sizeBytes, Path part, long deadlineNanos,
				BooleanSupplier cancelled) throws IOException;

	}

	/** The fetcher of a runner without data connections: every sync fails. */
	static final BlobFetcher NO_FETCH = (token, sha256, size, part, deadline, cancelled) -> {
		throw new IOException("this tentacle cannot fetch files from the brain");
	};

	private static String required(@Nullable String value, String name) throws IOException {
		if (value == null) {
			throw new IOException("the task has no " + name);
		}
		return value;
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
