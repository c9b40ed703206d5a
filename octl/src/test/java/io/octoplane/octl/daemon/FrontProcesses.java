package io.octoplane.octl.daemon;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.octoplane.testsupport.process.ChildJvm;

/**
 * Starts the octl front end as a real process, with a config, home and daemon folder of
 * the test's own, as the {@code octl} launcher would.
 *
 * @param config the octl config file
 * @param home the caller's home folder
 * @param daemonDir the daemon's folder ({@code OCTL_DAEMON_DIR})
 */
record FrontProcesses(Path config, Path home, Path daemonDir) {

	ProcessBuilder builder(Path folder, Map<String, String> env, List<String> args) {
		ProcessBuilder builder = new ProcessBuilder(ChildJvm
			.command(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), DaemonFront.class.getName(), args))
			.directory(folder.toFile());
		Map<String, String> environment = builder.environment();
		environment.put("OCTL_CONFIG", this.config.toString());
		environment.put("OCTL_DAEMON_DIR", this.daemonDir.toString());
		environment.put("HOME", this.home.toString());
		environment.remove("OCTL_DAEMON");
		environment.putAll(new HashMap<>(env));
		return builder;
	}

}
