package io.octoplane.protocol.agent;

import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One piece of work on a nodeapp: the folder {@code <workspace>/<app>@<scenario>} of a
 * scenario's application on a node, kept as a git repository. Carried as the JSON text of
 * a {@link RunCommand} in {@link CommandMode#NODEAPP}, so it takes the durable command
 * path (per-node queue, journal, results) like any other command. The tentacle answers
 * with a {@link NodeappReport} as the result's stdout.
 *
 * @param action what to do
 * @param app the application's name; letters, digits, {@code . _ -}
 * @param scenario the scenario's name; same alphabet
 * @param archive for {@link Action#SYNC}: the tar.gz holding {@code scripts/...} and,
 * when sources are shipped, {@code src/...}, as a blob the node fetches over a data
 * connection; otherwise {@code null}
 * @param file for {@link Action#RUN}: the script's file name inside the scripts folder
 * @param target for {@link Action#RUN}: the target the script belongs to (prepare, start,
 * ...); otherwise {@code null}
 * @param message for {@link Action#COMMIT} and {@link Action#RESET}: the commit message
 * @param commit for {@link Action#RESET}: the full id of the commit whose files come back
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeappTask(Action action, String app, String scenario, @Nullable ArchiveBlob archive,
		@Nullable String file, @Nullable String target, @Nullable String message, @Nullable String commit) {

	/** Names of apps and scenarios: they become a folder name on every node. */
	public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

	public NodeappTask {
		Objects.requireNonNull(action, "action must not be null");
		Objects.requireNonNull(app, "app must not be null");
		Objects.requireNonNull(scenario, "scenario must not be null");
		if (!NAME.matcher(app).matches() || !NAME.matcher(scenario).matches()) {
			throw new IllegalArgumentException("app and scenario must be names made of letters, digits and . _ -");
		}
	}

	/** The nodeapp's folder name under the workspace. */
	public String folder() {
		return this.app + "@" + this.scenario;
	}

	/**
	 * The archive of a sync task, stored in the brain's blob store: the node fetches it
	 * over a data connection (as a file upload does) and checks its digest before
	 * unpacking, so its size is not bound by the agent frame limit.
	 *
	 * @param token one-time transfer token for the data connection
	 * @param sha256 lower-case hex SHA-256 of the archive
	 * @param sizeBytes its size in bytes
	 */
	public record ArchiveBlob(String token, String sha256, long sizeBytes) {

		public ArchiveBlob {
			Objects.requireNonNull(token, "token must not be null");
			Objects.requireNonNull(sha256, "sha256 must not be null");
			if (sizeBytes < 0) {
				throw new IllegalArgumentException("sizeBytes must not be negative");
			}
		}

	}

	/** What a {@link NodeappTask} does. */
	public enum Action {

		/**
		 * Unpack the archive: scripts replace the nodeapp's scripts; sources, if any, are
		 * copied into the nodeapp, which becomes a git repository if it is not one yet.
		 */
		@JsonProperty("sync")
		SYNC,

		/** Run a script in the nodeapp with the {@code OCTOPODA_*} environment. */
		@JsonProperty("run")
		RUN,

		/** Commit every change in the nodeapp ({@code .gitignore} honoured). */
		@JsonProperty("commit")
		COMMIT,

		/**
		 * Make a new commit whose files are those of an earlier one, and check it out:
		 * history is kept.
		 */
		@JsonProperty("reset")
		RESET,

		/** Report the nodeapp's git history. */
		@JsonProperty("log")
		LOG,

		/** Delete the nodeapp and its scripts. */
		@JsonProperty("purge")
		PURGE

	}

}
