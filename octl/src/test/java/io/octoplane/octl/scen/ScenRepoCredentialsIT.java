package io.octoplane.octl.scen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.octoplane.octl.OctlFixture;
import io.octoplane.testsupport.octl.OctlRun;
import io.octoplane.testsupport.ports.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code scen repo push|clone} against real git servers on loopback that ask for
 * credentials: git's own smart-HTTP server ({@code git http-backend}) behind basic
 * authentication, and the system's sshd with a throwaway host key that accepts one user
 * key.
 */
class ScenRepoCredentialsIT {

	private static final String USER = "alice";

	private static final String PASSWORD = "s3cret-token";

	@TempDir
	Path dir;

	private OctlFixture octl;

	private Path remotes;

	private HttpServer http;

	private Process sshd;

	@BeforeEach
	void prepare() throws IOException {
		this.octl = OctlFixture.create(this.dir);
		this.remotes = Files.createDirectories(this.dir.resolve("remotes"));
	}

	@AfterEach
	void stopServers() {
		if (this.http != null) {
			this.http.stop(0);
		}
		if (this.sshd != null) {
			this.sshd.destroy();
		}
	}

	@Test
	void pushAndCloneOverHttpWithAPasswordFromAFileOrTheEnvironment() throws Exception {
		Path backend = Path.of("/usr/lib/git-core/git-http-backend");
		assumeThat(Files.isExecutable(backend)).as("git http-backend installed").isTrue();
		git(this.remotes, "init", "--bare", "-b", "main", "hello.git");
		int port = startHttp(backend);
		Path config = config("http://127.0.0.1:" + port + "/git");
		Path folder = scenario("hello");

		OctlRun anonymous = this.octl.run(config, "scen", "repo", "push", "hello", "--dir", folder.toString());
		assertThat(anonymous.exitCode()).isNotZero();
		assertThat(anonymous.err()).containsIgnoringCase("auth");

		Path passwordFile = Files.writeString(this.dir.resolve("token"), PASSWORD + "\n");
		OctlRun push = this.octl.run(config, "scen", "repo", "push", "hello", "--dir", folder.toString(), "-u", USER,
				"--password-file", passwordFile.toString());
		assertThat(push.exitCode()).as(push.err()).isZero();
		assertThat(git(this.remotes.resolve("hello.git"), "ls-tree", "-r", "--name-only", "main"))
			.contains("deployment.yaml");

		Map<String, String> env = Map.of("OCTL_CONFIG", config.toString(), "GIT_TOKEN", PASSWORD);
		Path copy = this.dir.resolve("copy");
		OctlRun clone = this.octl.run(env, "scen", "repo", "clone", "hello", "--dir", copy.toString(), "-u", USER,
				"--password-env", "GIT_TOKEN");
		assertThat(clone.exitCode()).as(clone.err()).isZero();
		assertThat(copy.resolve("deployment.yaml")).hasSameTextualContentAs(folder.resolve("deployment.yaml"));

		Path other = this.dir.resolve("other");
		OctlRun byDefault = this.octl.run(Map.of("OCTL_CONFIG", config.toString(), "OCTL_GIT_PASSWORD", PASSWORD),
				"scen", "repo", "clone", "hello", "--dir", other.toString(), "-u", USER);
		assertThat(byDefault.exitCode()).as(byDefault.err()).isZero();

		OctlRun wrong = this.octl.run(Map.of("OCTL_CONFIG", config.toString(), "OCTL_GIT_PASSWORD", "wrong"), "scen",
				"repo", "clone", "hello", "--dir", this.dir.resolve("never").toString(), "-u", USER);
		assertThat(wrong.exitCode()).isNotZero();
		assertThat(this.dir.resolve("never")).doesNotExist();

		OctlRun noUser = this.octl.run(config, "scen", "repo", "clone", "hello", "--dir",
				this.dir.resolve("never").toString(), "--password-file", passwordFile.toString());
		assertThat(noUser.exitCode()).isEqualTo(2);
		assertThat(noUser.err()).contains("needs a user name");
	}

	@Test
	void pushAndCloneOverSshWithAKey() throws Exception {
		Path sshdBinary = Path.of("/usr/sbin/sshd");
		assumeThat(Files.isExecutable(sshdBinary) && Files.isDirectory(Path.of("/run/sshd")))
			.as("sshd installed and runnable")
			.isTrue();
		Path keys = Files.createDirectories(this.dir.resolve("keys"));
		run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("host").toString()));
		run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("user").toString()));
		Files.copy(keys.resolve("user.pub"), keys.resolve("authorized_keys"));
		int port = FreePorts.take();
		Path sshdConfig = Files.writeString(keys.resolve("sshd_config"),
				String.join("\n", "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + keys.resolve("host"),
						"AuthorizedKeysFile " + keys.resolve("authorized_keys"), "PasswordAuthentication no",
						"KbdInteractiveAuthentication no", "PubkeyAuthentication yes", "StrictModes no",
						"PermitRootLogin prohibit-password", "UsePAM no", "PidFile " + keys.resolve("sshd.pid"), ""));
		this.sshd = new ProcessBuilder(sshdBinary.toString(), "-D", "-e", "-f", sshdConfig.toString())
			.redirectErrorStream(true)
			.redirectOutput(keys.resolve("sshd.log").toFile())
			.start();
		await().atMost(Duration.ofSeconds(20)).until(() -> listening(port));
		String hostKey = Files.readString(keys.resolve("host.pub")).strip();
		Path knownHosts = Files.writeString(keys.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + hostKey + "\n");
		git(this.remotes, "init", "--bare", "-b", "main", "hello.git");
		String user = System.getProperty("user.name");
		Path config = config("ssh://" + user + "@127.0.0.1:" + port + this.remotes);
		Path folder = scenario("hello");

		OctlRun push = this.octl.run(config, "scen", "repo", "push", "hello", "--dir", folder.toString(), "--ssh-key",
				keys.resolve("user").toString(), "--known-hosts", knownHosts.toString());
		assertThat(push.exitCode()).as(push.err() + Files.readString(keys.resolve("sshd.log"))).isZero();
		assertThat(git(this.remotes.resolve("hello.git"), "log", "--format=%s", "main")).hasSize(1);

		Path copy = this.dir.resolve("copy");
		OctlRun clone = this.octl.run(config, "scen", "repo", "clone", "hello", "--dir", copy.toString(), "--ssh-key",
				keys.resolve("user").toString(), "--known-hosts", knownHosts.toString());
		assertThat(clone.exitCode()).as(clone.err()).isZero();
		assertThat(copy.resolve("deployment.yaml")).hasSameTextualContentAs(folder.resolve("deployment.yaml"));

		// A host whose key is not the known one is refused.
		Path strangers = Files.writeString(keys.resolve("strangers"),
				"[127.0.0.1]:" + port + " " + Files.readString(keys.resolve("user.pub")).strip() + "\n");
		OctlRun refused = this.octl.run(config, "scen", "repo", "clone", "hello", "--dir",
				this.dir.resolve("never").toString(), "--ssh-key", keys.resolve("user").toString(), "--known-hosts",
				strangers.toString());
		assertThat(refused.exitCode()).isNotZero();
		assertThat(this.dir.resolve("never")).doesNotExist();
	}

	/**
	 * Serves {@code git http-backend} (a CGI program) under {@code /git}, for requests
	 * with the right basic credentials; others get 401, as a git host answers.
	 */
	private int startHttp(Path backend) throws IOException {
		this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		String expected = "Basic "
				+ Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		this.http.createContext("/git", (exchange) -> {
			try (exchange) {
				if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
					exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"git\"");
					exchange.sendResponseHeaders(401, -1);
					return;
				}
				cgi(backend, exchange);
			}
		});
		this.http.start();
		return this.http.getAddress().getPort();
	}

	private void cgi(Path backend, HttpExchange exchange) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(backend.toString());
		Map<String, String> env = builder.environment();
		env.put("GIT_PROJECT_ROOT", this.remotes.toString());
		env.put("GIT_HTTP_EXPORT_ALL", "1");
		env.put("REMOTE_USER", USER);
		env.put("REQUEST_METHOD", exchange.getRequestMethod());
		env.put("PATH_INFO", exchange.getRequestURI().getPath().substring("/git".length()));
		String query = exchange.getRequestURI().getRawQuery();
		env.put("QUERY_STRING", (query != null) ? query : "");
		String type = exchange.getRequestHeaders().getFirst("Content-Type");
		env.put("CONTENT_TYPE", (type != null) ? type : "");
		String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
		if (encoding != null) {
			env.put("HTTP_CONTENT_ENCODING", encoding);
		}
		Process process = builder.start();
		try (OutputStream in = process.getOutputStream(); InputStream body = exchange.getRequestBody()) {
			body.transferTo(in);
		}
		byte[] output = process.getInputStream().readAllBytes();
		int split = indexOf(output, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		int skip = 4;
		if (split < 0) {
			split = indexOf(output, "\n\n".getBytes(StandardCharsets.US_ASCII));
			skip = 2;
		}
		int status = 200;
		for (String line : new String(output, 0, Math.max(split, 0), StandardCharsets.ISO_8859_1).split("\r?\n")) {
			int colon = line.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String name = line.substring(0, colon).strip();
			String value = line.substring(colon + 1).strip();
			if (name.equalsIgnoreCase("Status")) {
				status = Integer.parseInt(value.substring(0, 3));
			}
			else {
				exchange.getResponseHeaders().add(name, value);
			}
		}
		int start = (split < 0) ? 0 : split + skip;
		exchange.sendResponseHeaders(status, (output.length - start == 0) ? -1 : output.length - start);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(output, start, output.length - start);
		}
	}

	private static int indexOf(byte[] bytes, byte[] part) {
		for (int i = 0; i + part.length <= bytes.length; i++) {
			int j = 0;
			while (j < part.length && bytes[i + j] == part[j]) {
				j++;
			}
			if (j == part.length) {
				return i;
			}
		}
		return -1;
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private Path config(String remote) throws IOException {
		Path config = this.octl.writeConfig(URI.create("https://127.0.0.1:9"));
		Files.writeString(config, "scenarioRemote: " + remote + "\n", StandardOpenOption.APPEND);
		return config;
	}

	private Path scenario(String name) throws IOException {
		Path folder = Files.createDirectories(this.dir.resolve("work").resolve(name));
		Files.writeString(folder.resolve("deployment.yaml"), "name: " + name + "\n");
		return folder;
	}

	private static List<String> git(Path where, String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of("git", "-C", where.toString()));
		command.addAll(List.of(args));
		return run(command);
	}

	private static List<String> run(List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		process.getInputStream().transferTo(out);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		String text = out.toString(StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(text).isZero();
		return text.isBlank() ? List.of() : List.of(text.strip().split("\n"));
	}

}
