package io.octoplane.tentacle.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts children as leaders of their own session where {@code setsid} exists, and kills
 * a child together with everything it spawned. Killing only the shell would leave its
 * children running (and holding the output pipes open), so the whole process group is
 * signalled, and descendants that left the group are hunted down by process handle.
 */
final class ProcessTree {

	private static final Logger logger = LoggerFactory.getLogger(ProcessTree.class);

	private static final boolean SETSID = Files.isExecutable(Path.of("/usr/bin/setsid"))
			|| Files.isExecutable(Path.of("/bin/setsid"));

	private ProcessTree() {
	}

	/** The argv, prefixed with {@code setsid} when the system has it. */
	static List<String> inOwnSession(List<String> argv) {
		if (!SETSID) {
			return argv;
		}
		List<String> command = new ArrayList<>(argv.size() + 1);
		command.add("setsid");
		command.addAll(argv);
		return command;
	}

	/**
	 * Kills the process, its process group and all its descendants. Descendants are
	 * listed before anything is killed: once their parent dies they are re-parented and
	 * no longer show up as descendants.
	 */
	static void kill(Process process) {
		List<ProcessHandle> descendants = process.descendants().toList();
		if (SETSID && process.isAlive()) {
			// setsid, started by a non-leader, execs in place: the pid is the group id.
			killGroup(process.pid());
		}
		descendants.forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

	private static void killGroup(long groupId) {
		if (groupId <= 1) {
			return;
		}
		try {
			// The JDK cannot signal a process group; the shell's
			// kill builtin can (a negative pid names the group).
			Process kill = new ProcessBuilder("sh", "-c", "kill -9 -" + groupId).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!kill.waitFor(2, TimeUnit.SECONDS)) {
				kill.destroyForcibly();
			}
		}
		catch (IOException ex) {
			logger.warn("cannot kill process group {}: {}", groupId, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
