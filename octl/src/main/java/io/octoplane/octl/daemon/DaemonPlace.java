package io.octoplane.octl.daemon;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.util.Map;

/**
 * Where a user's octl daemon lives: a folder only that user may enter
 * ({@code $OCTL_DAEMON_DIR}, else {@code $XDG_RUNTIME_DIR/octl}, else
 * {@code /tmp/octl-USER}) holding the socket, the lock that keeps the daemon single, its
 * pid and its log. A folder that exists with other owners or permissions is refused
 * rather than used, since whoever controls it could answer octl calls. Each octl build
 * has its own files there, so two installed versions never take turns stopping each
 * other's daemon.
 *
 * @param folder the private folder
 * @param build the octl build (see {@link #currentBuild()})
 */
record DaemonPlace(Path folder, String build) {

	/**
	 * The place for the user running this process.
	 * @param env the environment
	 * @return the place; its folder may not exist yet
	 */
	static DaemonPlace of(Map<String, String> env) {
		String explicit = env.get("OCTL_DAEMON_DIR");
		if (explicit != null && !explicit.isBlank()) {
			return new DaemonPlace(Path.of(explicit).toAbsolutePath(), currentBuild());
		}
		String runtime = env.get("XDG_RUNTIME_DIR");
		if (runtime != null && !runtime.isBlank()) {
			return new DaemonPlace(Path.of(runtime, "octl"), currentBuild());
		}
		return new DaemonPlace(Path.of(System.getProperty("java.io.tmpdir"), "octl-" + System.getProperty("user.name")),
				currentBuild());
	}

	Path socket() {
		return file(".sock");
	}

	Path lock() {
		return file(".lock");
	}

	Path pid() {
		return file(".pid");
	}

	Path log() {
		return file(".log");
	}

	private Path file(String suffix) {
		// A short tag of the build keeps the socket path well under the 108 bytes a Unix
		// socket address may have; a collision only costs a daemon restart.
		return this.folder.resolve("daemon-" + Integer.toHexString(this.build.hashCode()) + suffix);
	}

	/**
	 * Creates the folder if missing and checks it is private to this user.
	 * @throws IOException if it cannot be made or belongs to someone else or is open to
	 * others
	 */
	void prepare() throws IOException {
		if (!Files.isDirectory(this.folder, LinkOption.NOFOLLOW_LINKS)) {
			Files.createDirectories(this.folder.getParent());
			try {
				Files.createDirectory(this.folder,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			}
			catch (java.nio.file.FileAlreadyExistsException ex) {
				// Another octl made it just now; it is checked below like any other.
			}
		}
		checkPrivate();
	}

	/**
	 * Checks the folder is a real folder owned by this user that nobody else may enter.
	 * @throws IOException if it is not
	 */
	void checkPrivate() throws IOException {
		// Numeric unix attributes, not PosixFileAttributes: their permission sets are
		// EnumSets, whose reflective set-up costs a cold JVM more than its own start.
		if (!Files.isDirectory(this.folder, LinkOption.NOFOLLOW_LINKS)) {
			throw new IOException(this.folder + " is not a folder");
		}
		int owner = (Integer) Files.getAttribute(this.folder, "unix:uid", LinkOption.NOFOLLOW_LINKS);
		int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
		if (owner != self) {
			throw new IOException(this.folder + " belongs to user id " + owner);
		}
		int mode = (Integer) Files.getAttribute(this.folder, "unix:mode", LinkOption.NOFOLLOW_LINKS);
		if ((mode & 0777) != 0700) {
			throw new IOException(this.folder + " is open to others (mode " + Integer.toOctalString(mode & 0777)
					+ "; it must be 700)");
		}
	}

	/**
	 * Names the octl build this process runs: where its code is, with that file's size
	 * and modification time, and the Java runtime. A daemon answers only callers of the
	 * same build, so an upgraded octl never talks to an older daemon.
	 * @return the build key
	 */
	static String currentBuild() {
		String where = "unknown";
		try {
			CodeSource source = DaemonPlace.class.getProtectionDomain().getCodeSource();
			if (source != null) {
				Path code = Path.of(source.getLocation().toURI());
				where = code + "@" + Files.size(code) + "@" + Files.getLastModifiedTime(code).toMillis();
			}
		}
		catch (IOException | URISyntaxException | RuntimeException ex) {
			// A build that cannot be named still matches itself by the runtime alone.
		}
		return where + "|" + System.getProperty("java.home") + "|" + System.getProperty("java.runtime.version");
	}

}
