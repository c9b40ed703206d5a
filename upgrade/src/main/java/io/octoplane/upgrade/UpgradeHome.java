package io.octoplane.upgrade;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of an upgrade home (see the package description). Every state file is
 * replaced atomically, so the launcher and the upgrade commands, which run in different
 * processes, never read half a version.
 */
public final class UpgradeHome {

	/** Set by the launcher for its child: the upgrade home's folder. */
	public static final String HOME_ENV = "OCTOPLANE_UPGRADE_HOME";

	/** Set by the launcher for its child: the version the child runs. */
	public static final String VERSION_ENV = "OCTOPLANE_VERSION";

	/**
	 * Set by the launcher for its child: the command line of the upgrade commands on this
	 * home, which a tentacle's operators run as {@code $OCTOPLANE_UPGRADE <command>}.
	 */
	public static final String COMMAND_ENV = "OCTOPLANE_UPGRADE";

	/**
	 * Set by the launcher for its child when it was given a release key: the release
	 * public key file. Without it the key is {@code home/release-key.pub.pem}.
	 */
	public static final String RELEASE_KEY_ENV = "OCTOPLANE_RELEASE_KEY";

	private static final Pattern VERSION = Pattern.compile("[0-9][0-9A-Za-z.+_-]{0,63}");

	private final Path root;

	/**
	 * An upgrade home.
	 * @param root its folder
	 */
	public UpgradeHome(Path root) {
		this.root = root.toAbsolutePath();
	}

	/** The folder. */
	public Path root() {
		return this.root;
	}

	/**
	 * Where a version's package is kept.
	 * @param version the version
	 * @return the file, which may not exist yet
	 * @throws IllegalArgumentException if the version is not a valid version text
	 */
	public Path release(String version) {
		if (!VERSION.matcher(version).matches()) {
			throw new IllegalArgumentException("'" + version + "' is not a version");
		}
		return this.root.resolve("releases").resolve(version);
	}

	/** The release public key packages must be signed with, unless another is given. */
	public Path defaultReleaseKey() {
		return this.root.resolve("release-key.pub.pem");
	}

	/** The versions installed, in name order. */
	public List<String> installedVersions() throws IOException {
		Path releases = this.root.resolve("releases");
		if (!Files.isDirectory(releases)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(releases)) {
			return files.map((file) -> file.getFileName().toString())
				.filter((name) -> !name.startsWith("."))
				.sorted()
				.toList();
		}
	}

	/** Whether a version's package is installed. */
	public boolean installed(String version) {
		return Files.isRegularFile(release(version));
	}

	public Optional<String> stable() throws IOException {
		return read("stable");
	}

	public Optional<String> preview() throws IOException {
		return read("preview");
	}

	/** The version that last reported itself connected, if any. */
	public Optional<String> healthy() throws IOException {
		return read("healthy");
	}

	void setStable(String version) throws IOException {
		write("stable", version);
	}

	void setPreview(String version) throws IOException {
		write("preview", version);
	}

	void clearPreview() throws IOException {
		Files.deleteIfExists(this.root.resolve("preview"));
	}

	void clearHealthy() throws IOException {
		Files.deleteIfExists(this.root.resolve("healthy"));
	}

	/**
	 * Records that a version is running and healthy; the tentacle calls it once
	 * connected, the brain once ready.
	 * @param version the running version
	 * @throws IOException if the file cannot be written
	 */
	public void markHealthy(String version) throws IOException {
		write("healthy", version);
	}

	/**
	 * Appends a line to the history.
	 * @param at when it happened
	 * @param action what happened, one word such as {@code install} or {@code rollback}
	 * @param version the version it happened to
	 * @param detail more words, or empty
	 * @throws IOException if the file cannot be written
	 */
	public void record(Instant at, String action, String version, String detail) throws IOException {
		Files.createDirectories(this.root);
		Files.writeString(this.root.resolve("history"),
				at + " " + action + " " + version + (detail.isEmpty() ? "" : " " + detail) + "\n",
				StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	/** The history, oldest first. */
	public List<String> history() throws IOException {
		Path file = this.root.resolve("history");
		return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
	}

	/**
	 * Part of the history.
	 * @param window which lines
	 * @return those lines, oldest first
	 * @throws IOException if the file cannot be read
	 */
	public List<String> history(HistoryWindow window) throws IOException {
		return window.select(history());
	}

	private Optional<String> read(String name) throws IOException {
		try {
			String text = Files.readString(this.root.resolve(name), StandardCharsets.UTF_8).strip();
			return text.isEmpty() ? Optional.empty() : Optional.of(text);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
	}

	private void write(String name, String value) throws IOException {
		Files.createDirectories(this.root);
		Path target = this.root.resolve(name);
		Path temporary = Files.createTempFile(this.root, "." + name, ".tmp");
		Files.writeString(temporary, value + "\n", StandardCharsets.UTF_8);
		try {
			Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
