package io.octoplane.tentacle.command;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.octoplane.protocol.agent.CommandResult;
import org.jspecify.annotations.Nullable;

/**
 * The shell commands and scripts run with. Octopoda runs them with bash, and scripts
 * written for it use bash's syntax ({@code [[ ]]}, arrays), so bash is the default where
 * it is installed; without it {@code sh} stands in, and every result says so in its error
 * field, since a script may then fail for reasons its author cannot see.
 *
 * @param program the shell's executable (absolute when found on the search path)
 * @param note what every result of this shell should say, or {@code null}
 */
record Shell(String program, @Nullable String note) {

	/**
	 * Chooses the shell for a configured name, looking executables up on this process's
	 * {@code PATH}.
	 * @param configured {@code bash}, {@code sh}, an absolute path, or {@code null} for
	 * bash where present
	 * @return the shell
	 */
	static Shell choose(@Nullable String configured) {
		String path = System.getenv("PATH");
		return choose(configured, (path != null) ? path : "/usr/bin:/bin");
	}

	/**
	 * Chooses the shell for a configured name.
	 * @param configured {@code bash}, {@code sh}, an absolute path, or {@code null} for
	 * bash where present
	 * @param searchPath the folders to look in, separated as {@code PATH} is
	 * @return the shell
	 */
	static Shell choose(@Nullable String configured, String searchPath) {
		String wanted = (configured != null) ? configured : "bash";
		if (wanted.equals("sh")) {
			return new Shell(sh(searchPath), null);
		}
		if (wanted.startsWith("/")) {
			if (Files.isExecutable(Path.of(wanted)) && !Files.isDirectory(Path.of(wanted))) {
				return new Shell(wanted, null);
			}
			return new Shell(sh(searchPath), "shell " + wanted + " is not an executable on this node; ran with sh");
		}
		Path bash = find("bash", searchPath);
		if (bash != null) {
			return new Shell(bash.toString(), null);
		}
		return new Shell(sh(searchPath), "bash is not installed on this node; ran with sh");
	}

	/** The command line that runs {@code text} as a command. */
	List<String> command(String text) {
		return List.of(this.program, "-c", text);
	}

	/** The command line that runs a script file. */
	List<String> script(Path file) {
		return List.of(this.program, file.toString());
	}

	/**
	 * The result with this shell's note added to its error field.
	 * @param result a result of a run with this shell
	 * @return the result, noted
	 */
	CommandResult noted(CommandResult result) {
		if (this.note == null) {
			return result;
		}
		String error = (result.error() == null) ? this.note : result.error() + "; " + this.note;
		return new CommandResult(result.commandId(), result.outcome(), result.exitCode(), result.stdout(),
				result.stderr(), result.outputTruncated(), result.startedAtMillis(), result.finishedAtMillis(), error,
				result.scriptOutput());
	}

	private static String sh(String searchPath) {
		Path sh = find("sh", searchPath);
		// POSIX systems have /bin/sh whatever the search path says.
		return (sh != null) ? sh.toString() : "/bin/sh";
	}

	private static @Nullable Path find(String name, String searchPath) {
		for (String folder : searchPath.split(File.pathSeparator)) {
			if (folder.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(folder, name);
			if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
				return candidate;
			}
		}
		return null;
	}

}
