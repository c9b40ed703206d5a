package io.octoplane.tentacle.command;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.octoplane.tentacle.file.NodePaths;
import org.jspecify.annotations.Nullable;

/**
 * The environment of every command and script, as Octopoda's tentacle gives it: the
 * tentacle's own variables from its configuration, then {@code OCTOPODA_NODENAME},
 * {@code OCTOPODA_ROOT}, {@code OCTOPODA_WORKSPACE}, {@code OCTOPODA_FSTORE},
 * {@code OCTOPODA_LOG}, {@code OCTOPODA_PAKMA} (the very folders the path aliases
 * {@code @root} ... {@code @pakma} name), {@code OCTOPODA_CURRENTDIR} (where it runs) and
 * {@code OCTOPODA_OUTPUT} (the file whose contents become the result's script output);
 * nodeapp scripts also get {@code OCTOPODA_FILENAME}, {@code OCTOPODA_APP},
 * {@code OCTOPODA_SCENARIO} and {@code OCTOPODA_TARGET}.
 */
final class ScriptEnvironment {

	/** Prefix of the variables this class sets; inherited ones are dropped. */
	static final String PREFIX = "OCTOPODA_";

	private final NodePaths paths;

	private final Supplier<@Nullable String> nodeName;

	private final Map<String, String> custom;

	ScriptEnvironment(NodePaths paths, Supplier<@Nullable String> nodeName, Map<String, String> custom) {
		this.paths = paths;
		this.nodeName = nodeName;
		this.custom = Map.copyOf(custom);
	}

	/** The node's name, or empty before the brain welcomed the tentacle. */
	String nodeName() {
		String name = this.nodeName.get();
		return (name != null) ? name : "";
	}

	/**
	 * The variables of an ad hoc command or script, which runs in the workspace.
	 * @param output the file for {@code OCTOPODA_OUTPUT}
	 * @return the variables
	 */
	Map<String, String> command(Path output) {
		return base(this.paths.workspace(), output);
	}

	/**
	 * The variables of a nodeapp script.
	 * @param folder the nodeapp's folder, where the script runs
	 * @param file the script's file name
	 * @param output the file for {@code OCTOPODA_OUTPUT}
	 * @param app the application's name
	 * @param scenario the scenario's name
	 * @param target the scenario target being run, or {@code null}
	 * @return the variables
	 */
	Map<String, String> nodeapp(Path folder, String file, Path output, String app, String scenario,
			@Nullable String target) {
		Map<String, String> env = base(folder, output);
		env.put("OCTOPODA_FILENAME", file);
		env.put("OCTOPODA_APP", app);
		env.put("OCTOPODA_SCENARIO", scenario);
		if (target != null) {
			env.put("OCTOPODA_TARGET", target);
		}
		return env;
	}

	/**
	 * Sets the variables on a process's environment, first dropping any
	 * {@code OCTOPODA_*} the tentacle inherited, which would describe another run.
	 * @param environment the process builder's environment
	 * @param variables the variables of this run
	 */
	static void apply(Map<String, String> environment, Map<String, String> variables) {
		environment.keySet().removeIf((name) -> name.startsWith(PREFIX));
		environment.putAll(variables);
	}

	private Map<String, String> base(Path currentDir, Path output) {
		Map<String, String> env = new HashMap<>(this.custom);
		env.put("OCTOPODA_NODENAME", nodeName());
		env.put("OCTOPODA_ROOT", this.paths.root().toString());
		env.put("OCTOPODA_WORKSPACE", this.paths.workspace().toString());
		env.put("OCTOPODA_FSTORE", this.paths.fstore().toString());
		env.put("OCTOPODA_LOG", this.paths.log().toString());
		env.put("OCTOPODA_PAKMA", this.paths.pakma().toString());
		env.put("OCTOPODA_CURRENTDIR", currentDir.toString());
		env.put("OCTOPODA_OUTPUT", output.toString());
		return env;
	}

}
