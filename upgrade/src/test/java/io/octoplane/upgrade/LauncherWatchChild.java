package io.octoplane.upgrade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM that watches its launcher and otherwise idles, as a tentacle would; it
 * writes the file named by its argument once it watches.
 */
final class LauncherWatchChild {

	private LauncherWatchChild() {
	}

	public static void main(String[] args) throws InterruptedException, IOException {
		LauncherWatch.exitWithLauncher(System.getenv());
		Files.writeString(Path.of(args[0]), "watching");
		TimeUnit.MINUTES.sleep(10);
	}

}
