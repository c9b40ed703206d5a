package io.octoplane.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.octoplane.testsupport.octl.OctlRun;
import io.octoplane.testsupport.ports.FreePorts;
import io.octoplane.testsupport.process.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * SSH through the reverse path with the real OpenSSH tools: a real sshd on loopback
 * (started by the test with its own host key and authorized keys), a tentacle that dials
 * the brain, and the real {@code ssh} and {@code scp} clients using
 * {@code octl ssh proxy} (a real octl process) as their ProxyCommand.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SshIT extends InProcessFleetTest {

	private static final Path SSHD = Path.of("/usr/sbin/sshd");

	Process sshd;

	int sshdPort;

	Path key;

	Path octlScript;

	Path octlConfig;

	Path knownHosts;

	@BeforeEach
	void startSshdAndNode() throws Exception {
		assumeThat(Files.isExecutable(SSHD) && onPath("ssh") && onPath("scp") && onPath("ssh-keygen"))
			.as("OpenSSH client and server (.ci/run installs them)")
			.isTrue();
		Path dir = Files.createDirectories(this.work.resolve("ssh"));
		this.key = dir.resolve("id_ed25519");
		Path hostKey = dir.resolve("host_ed25519");
		run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", this.key.toString()));
		run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString()));
		Path authorized = Files.copy(dir.resolve("id_ed25519.pub"), dir.resolve("authorized_keys"));
		this.knownHosts = dir.resolve("known_hosts");
		this.sshdPort = FreePorts.take();
		String sftp = Files.isExecutable(Path.of("/usr/lib/openssh/sftp-server")) ? "/usr/lib/openssh/sftp-server"
				: "internal-sftp";
		Path config = Files.writeString(dir.resolve("sshd_config"),
				String.join("\n", "ListenAddress 127.0.0.1", "Port " + this.sshdPort, "HostKey " + hostKey,
						"AuthorizedKeysFile " + authorized, "PidFile " + dir.resolve("sshd.pid"), "StrictModes no",
						"UsePAM no", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
						"PubkeyAuthentication yes", "PermitRootLogin prohibit-password", "Subsystem sftp " + sftp, ""));
		try {
			// sshd insists on its privilege separation folder, even for a test instance.
			Files.createDirectories(Path.of("/run/sshd"));
		}
		catch (IOException ex) {
			// Not root: sshd then runs without privilege separation as this user.
		}
		this.sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString()).redirectErrorStream(true)
			.redirectOutput(dir.resolve("sshd.log").toFile())
			.start();
		await().atMost(WAIT).until(() -> accepts(this.sshdPort) || !this.sshd.isAlive());
		assertThat(this.sshd.isAlive()).as(() -> read(dir.resolve("sshd.log"))).isTrue();

		this.fleet.start("ssh01", agentPort());
		assertThat(this.fleet.tentacle("ssh01").awaitConnected(WAIT)).isTrue();
		this.octlConfig = OperatorOctlConfig.write(this.work, certs, "https://localhost:" + this.port);
		// octl as ssh runs it: a real process, started
		// from a script like an installed one.
		List<String> octl = ChildJvm.command(List.of("-XX:TieredStopAtLevel=1"), "io.octoplane.octl.Octl", List.of());
		this.octlScript = this.work.resolve("octl");
		Files.writeString(this.octlScript,
				"#!/bin/sh\nexec " + octl.stream().map(SshIT::quoted).collect(Collectors.joining(" ")) + " \"$@\"\n");
		Files.setPosixFilePermissions(this.octlScript, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	@AfterEach
	void stopSshd() throws InterruptedException {
		if (this.sshd != null) {
			this.sshd.destroy();
			this.sshd.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void loginRunsACommandThroughTheBrainAndScpCopiesAFile() throws Exception {
		String user = System.getProperty("user.name");
		OctlRun set = InProcessOctl.run(this.octlConfig, this.work, "ssh", "set", "ssh01", "--user", user, "--port",
				Integer.toString(this.sshdPort));
		assertThat(set.exitCode()).as(set.err()).isZero();
		assertThat(InProcessOctl.run(this.octlConfig, this.work, "ssh", "ls", "-o", "table").out()).contains("ssh01",
				user, Integer.toString(this.sshdPort));

		Result login = octlProcess(List.of("ssh", "login", "ssh01", "--", "-i", this.key.toString(), "-o",
				"BatchMode=yes", "-o", "StrictHostKeyChecking=accept-new", "-o",
				"UserKnownHostsFile=" + this.knownHosts, "echo", "through-the-brain"));
		assertThat(login.status()).as(login.output()).isZero();
		assertThat(login.output()).contains("through-the-brain");
		// The host key is remembered under the node's alias, not under a host name
		// (looked up with ssh-keygen: Debian hashes known_hosts entries).
		run(List.of("ssh-keygen", "-F", "ssh01.fleet", "-f", this.knownHosts.toString()));

		byte[] payload = new byte[2 * 1024 * 1024 + 3];
		new Random(11).nextBytes(payload);
		Path source = Files.write(this.work.resolve("payload.bin"), payload);
		Path target = this.work.resolve("copied.bin");
		Result scp = process(List.of(
				"scp", "-q", "-i", this.key.toString(), "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=accept-new",
				"-o", "UserKnownHostsFile=" + this.knownHosts, "-o", "HostKeyAlias=ssh01.fleet", "-o", "ProxyCommand="
						+ this.octlScript + " --config " + this.octlConfig + " ssh proxy ssh01 --port " + this.sshdPort,
				source.toString(), user + "@ssh01:" + target));
		assertThat(scp.status()).as(scp.output()).isZero();
		assertThat(Files.readAllBytes(target)).isEqualTo(payload);

		OctlRun deleted = InProcessOctl.run(this.octlConfig, this.work, "ssh", "del", "ssh01");
		assertThat(deleted.exitCode()).as(deleted.err()).isZero();
		Result gone = octlProcess(List.of("ssh", "login", "ssh01", "--", "true"));
		assertThat(gone.status()).isEqualTo(3);
		assertThat(gone.output()).contains("no such ssh login: ssh01");
	}

	@Test
	void proxyToAPortWithoutSshdFailsWithTheNodesReason() throws Exception {
		int closed = FreePorts.take();
		Result proxy = octlProcess(List.of("ssh", "proxy", "ssh01", "--port", Integer.toString(closed)));
		assertThat(proxy.status()).isEqualTo(3);
		assertThat(proxy.output()).contains("tunnel-failed").contains("cannot connect to 127.0.0.1:" + closed);
	}

	@Test
	void tunnelForwardsALocalPortToTheNodesSshd() throws Exception {
		int local = FreePorts.take();
		Thread forward = Thread.ofVirtual()
			.start(() -> InProcessOctl.run(this.octlConfig, this.work, "tunnel", "ssh01",
					local + ":127.0.0.1:" + this.sshdPort, "--once"));
		await().atMost(WAIT).until(() -> accepts(local) || !forward.isAlive());
		// accepts() used the one connection --once serves; a second run serves this one.
		forward.join(WAIT);
		Thread again = Thread.ofVirtual()
			.start(() -> InProcessOctl.run(this.octlConfig, this.work, "tunnel", "ssh01",
					local + ":127.0.0.1:" + this.sshdPort, "--once"));
		String banner = await().atMost(WAIT).until(() -> banner(local), (line) -> line != null);
		assertThat(banner).startsWith("SSH-2.0-OpenSSH");
		again.join(WAIT);
		assertThat(again.isAlive()).isFalse();
	}

	private static String banner(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
			socket.setSoTimeout((int) WAIT.toMillis());
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			int next;
			while ((next = in.read()) >= 0 && next != '\n') {
				line.append((char) next);
			}
			return line.toString().strip();
		}
		catch (IOException ex) {
			return null;
		}
	}

	private Result octlProcess(List<String> args) throws Exception {
		List<String> command = new ArrayList<>(
				List.of(this.octlScript.toString(), "--config", this.octlConfig.toString()));
		command.addAll(args);
		return process(command);
	}

	private Result process(List<String> command) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		builder.environment().put("OCTL_COMMAND", this.octlScript.toString());
		Process process = builder.start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	private static void run(List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean onPath(String tool) {
		String path = System.getenv("PATH");
		return path != null && java.util.Arrays.stream(path.split(":"))
			.anyMatch((folder) -> Files.isExecutable(Path.of(folder, tool)));
	}

	private static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file) : "";
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private static String quoted(String word) {
		return "'" + word.replace("'", "'\\''") + "'";
	}

	record Result(int status, String output) {

	}

}
