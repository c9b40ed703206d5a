package io.octoplane.upgrade;

import java.time.Duration;

/**
 * Ends this process with a status the supervisor acts on: through {@link System#exit} so
 * that shutdown hooks stop the component cleanly, and halted anyway if they hang.
 */
final class ProcessExit {

	// Shutdown hooks get this long before the process halts anyway.
	private static final Duration HALT_AFTER = Duration.ofSeconds(10);

	private ProcessExit() {
	}

	static void exit(int status) {
		Thread halt = new Thread(() -> {
			try {
				Thread.sleep(HALT_AFTER);
			}
			catch (InterruptedException ex) {
				return;
			}
			Runtime.getRuntime().halt(status);
		}, "exit-halt");
		halt.setDaemon(true);
		halt.start();
		// Not on the caller's thread: a shutdown hook may wait for it.
		Thread.ofPlatform().name("exit").start(() -> System.exit(status));
	}

}
