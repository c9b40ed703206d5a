package io.octoplane.upgrade;

import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child's side of the launcher's promise that nothing outlives it. The launcher stops
 * its child when it is stopped; a launcher killed outright ({@code SIGKILL}, the OOM
 * killer) cannot, so the child watches the launcher that started it and ends itself when
 * the launcher is gone, instead of running on as an orphan nobody supervises.
 */
public final class LauncherWatch {

	private static final Logger logger = LoggerFactory.getLogger(LauncherWatch.class);

	/** The environment variable with the launcher's process id, set for its child. */
	public static final String LAUNCHER_PID_ENV = "OCTOPLANE_LAUNCHER_PID";

	/** The exit status of a child whose launcher is gone. */
	public static final int EXIT_LAUNCHER_GONE = 75;

	private LauncherWatch() {
	}

	/**
	 * Exits this process when the launcher that started it ends; does nothing when no
	 * launcher started it.
	 * @param env the process environment
	 */
	public static void exitWithLauncher(Map<String, String> env) {
		String value = env.get(LAUNCHER_PID_ENV);
		if (value == null) {
			return;
		}
		long pid;
		try {
			pid = Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			return;
		}
		// Only when the launcher is the parent: the variable is
		// inherited by whatever this process starts, which must
		// not watch a process that is not its own launcher.
		Optional<ProcessHandle> launcher = ProcessHandle.current().parent().filter((parent) -> parent.pid() == pid);
		launcher.ifPresent((parent) -> parent.onExit().thenRun(() -> exit(pid)));
	}

	private static void exit(long pid) {
		logger.warn("the launcher (pid {}) that started this process is gone; exiting", pid);
		ProcessExit.exit(EXIT_LAUNCHER_GONE);
	}

}
