package io.octoplane.e2e.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.octoplane.testsupport.ports.FreePorts;

import static org.awaitility.Awaitility.await;

/**
 * An OpenSSH server of its own on 127.0.0.1 and a random port, for tools that reach hosts
 * over SSH (Ansible). It logs in the user running the tests with a key made for it; its
 * host key, authorized keys and pid file live in its folder, so nothing of this host's
 * SSH setup is read or changed.
 */
public final class LoopbackSshd implements AutoCloseable {

	/** The server binary. */
	public static final String SSHD = "/usr/sbin/sshd";

	private final Process process;

	private final int port;

	private final Path clientKey;

	private LoopbackSshd(Process process, int port, Path clientKey) {
		this.process = process;
		this.port = port;
		this.clientKey = clientKey;
	}

	/**
	 * Starts a server and waits until it accepts connections.
	 * @param dir its folder
	 * @return the running server
	 * @throws IOException if the keys cannot be made or the server cannot start
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static LoopbackSshd start(Path dir) throws IOException, InterruptedException {
		Files.createDirectories(dir);
		Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
		Path hostKey = dir.resolve("host_ed25519");
		Path clientKey = dir.resolve("client_ed25519");
		for (Path key : List.of(hostKey, clientKey)) {
			ToolRun made = ToolRun.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
			if (made.status() != 0) {
				throw new IOException("ssh-keygen failed: " + made.output());
			}
		}
		Path authorized = Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
		int port = FreePorts.take();
		Path config = Files.writeString(dir.resolve("sshd_config"),
				String.join("\n", "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + hostKey,
						"AuthorizedKeysFile " + authorized, "PidFile " + dir.resolve("sshd.pid"),
						"PasswordAuthentication no", "KbdInteractiveAuthentication no",
						"PermitRootLogin prohibit-password", "UsePAM no", "StrictModes no", "LogLevel ERROR", ""));
		if ("root".equals(System.getProperty("user.name"))) {
			// sshd run by root insists on its privilege separation folder.
			Files.createDirectories(Path.of("/run/sshd"));
		}
		Process process = new ProcessBuilder(SSHD, "-D", "-e", "-f", config.toString()).redirectErrorStream(true)
			.redirectOutput(dir.resolve("sshd.log").toFile())
			.start();
		LoopbackSshd sshd = new LoopbackSshd(process, port, clientKey);
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> !process.isAlive() || accepts(port));
			if (!process.isAlive()) {
				throw new IOException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
			}
		}
		catch (IOException | RuntimeException ex) {
			sshd.close();
			throw ex;
		}
		return sshd;
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The port it listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The private key that logs in.
	 * @return the key file
	 */
	public Path clientKey() {
		return this.clientKey;
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
