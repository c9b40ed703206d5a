package io.octoplane.tentacle.upgrade;

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

/**
 * The files of an upgrade home (see the package description). Every state file is
 * replaced atomically, so the launcher and the upgrade commands, which run in different
 * processes, never read half a version.
 */
public final class UpgradeHome {

	static final String HEALTH_ENV = "OCTOPLANE_UPGRADE_HOME";

	static final String VERSION_ENV = "OCTOPLANE_VERSION";

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
	 * Records that a version is running and connected; the tentacle calls it.
	 * @param version the running version
	 * @throws IOException if the file cannot be written
	 */
	public void markHealthy(String version) throws IOException {
		write("healthy", version);
	}

	void record(Instant at, String action, String version, String detail) throws IOException {
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
