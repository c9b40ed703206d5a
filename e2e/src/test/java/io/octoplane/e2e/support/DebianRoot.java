package io.octoplane.e2e.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A throwaway root that Debian packages are installed into with {@code dpkg --root},
 * their maintainer scripts running on this host against the tree
 * ({@code --force-script-chrootless}, {@code $DPKG_ROOT}). It holds just what dpkg and
 * useradd need: an empty package database and passwd, group and shadow files with root.
 * The Java runtime is this host's, so package dependencies are not checked.
 */
public final class DebianRoot {

	/** The script that builds the packages. */
	public static final Path BUILD_SCRIPT = Path.of("..", "deploy", "debian", "build-debs.sh")
		.toAbsolutePath()
		.normalize();

	private final Path root;

	private DebianRoot(Path root) {
		this.root = root;
	}

	/**
	 * Makes an empty root.
	 * @param root the folder to make it in
	 * @return the root
	 * @throws IOException if the files cannot be written
	 */
	public static DebianRoot create(Path root) throws IOException {
		Path dpkg = Files.createDirectories(root.resolve("var/lib/dpkg"));
		Files.createDirectories(dpkg.resolve("info"));
		Files.createDirectories(dpkg.resolve("updates"));
		Files.createDirectories(root.resolve("var/log"));
		Files.writeString(dpkg.resolve("status"), "");
		Files.writeString(dpkg.resolve("available"), "");
		Path etc = Files.createDirectories(root.resolve("etc"));
		Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n");
		Files.writeString(etc.resolve("group"), "root:x:0:\n");
		Files.writeString(etc.resolve("shadow"), "root:*:20000:0:99999:7:::\n");
		Files.writeString(etc.resolve("gshadow"), "root:*::\n");
		return new DebianRoot(root);
	}

	/**
	 * Builds packages from the jars Maven built.
	 * @param out the folder for the packages
	 * @param parts the parts to package (brain, nameserver, tentacle, octl); none for all
	 * @return the packages built
	 * @throws IOException if the build fails
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static List<Path> buildPackages(Path out, String... parts) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("bash", BUILD_SCRIPT.toString(), "--out", out.toString()));
		command.addAll(List.of(parts));
		ToolRun run = ToolRun.run(command, Map.of(), Duration.ofMinutes(2));
		if (run.status() != 0) {
			throw new IOException("build-debs.sh failed: " + run.output());
		}
		try (Stream<Path> debs = Files.list(out)) {
			return debs.filter((file) -> file.toString().endsWith(".deb")).sorted().toList();
		}
	}

	/**
	 * Runs dpkg on this root.
	 * @param args dpkg's action and its arguments, e.g. {@code --install FILE}
	 * @return the run
	 * @throws IOException if dpkg cannot start
	 * @throws InterruptedException if interrupted while waiting
	 */
	public ToolRun dpkg(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("dpkg", "--root=" + this.root, "--force-not-root",
				"--force-script-chrootless", "--force-depends", "--log=" + this.root.resolve("var/log/dpkg.log")));
		command.addAll(List.of(args));
		return ToolRun.run(command, Map.of(), Duration.ofMinutes(1));
	}

	/**
	 * A path inside the root.
	 * @param path the path below {@code /}, without the leading slash
	 * @return the path in the tree
	 */
	public Path path(String path) {
		return this.root.resolve(path);
	}

	/**
	 * The root folder, as the {@code octoplane_root} of the Ansible role.
	 * @return the folder
	 */
	public Path folder() {
		return this.root;
	}

}
