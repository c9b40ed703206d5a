package io.octoplane.octl.file;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Whether {@code file upload} and {@code file copy} create a missing target folder: yes
 * by default, as Octopoda's {@code -f} defaults to true; {@code --no-create} (or
 * Octopoda's own {@code -f=false}) says no.
 */
final class CreateTargetOptions {

	@Option(names = { "-f", "--force" }, arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
			description = "Create the target folder if it does not exist: the default; -f=false as --no-create "
					+ "(Octopoda's spelling).")
	private @Nullable Boolean force;

	@Option(names = "--no-create", description = "Fail on a node where the target folder does not exist.")
	private boolean noCreate;

	/**
	 * Whether to create the target folder.
	 * @param spec the command, for usage errors
	 * @return the answer
	 * @throws ParameterException if the options contradict each other
	 */
	boolean create(CommandSpec spec) {
		if (Boolean.TRUE.equals(this.force) && this.noCreate) {
			throw new ParameterException(spec.commandLine(), "-f and --no-create contradict each other");
		}
		return !this.noCreate && !Boolean.FALSE.equals(this.force);
	}

}
