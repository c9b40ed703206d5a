package io.octoplane.e2e;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.octoplane.brain.agent.AgentServer;
import io.octoplane.e2e.support.DebianRoot;
import io.octoplane.e2e.support.InProcessBrainTest;
import io.octoplane.e2e.support.LoopbackSshd;
import io.octoplane.e2e.support.ToolRun;
import io.octoplane.tentacle.config.TentacleConfig;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Ansible role {@code octoplane_tentacle}, run by the sample playbook over a loopback
 * sshd: it installs the tentacle package into a throwaway root ({@code octoplane_root}),
 * writes the configuration, enrolls the node with a join token made by octl against a
 * real brain, keeps the token out of its output, and changes nothing on a second run. The
 * service itself is not started: a throwaway root has no systemd.
 */
class AnsibleTentacleRoleIT extends InProcessBrainTest {

	private static final Path ANSIBLE = Path.of("..", "deploy", "ansible").toAbsolutePath().normalize();

	@TempDir
	Path work;

	@LocalServerPort
	int port;

	@Autowired
	AgentServer agentServer;

	@BeforeEach
	void tools() {
		assumeTrue(ToolRun.available("ansible-playbook"), "ansible-playbook missing (apt-get install ansible-core)");
		assumeTrue(ToolRun.available(LoopbackSshd.SSHD) && ToolRun.available("ssh-keygen"),
				"OpenSSH missing (apt-get install openssh-server openssh-client)");
	}

	@Test
	void roleInstallsAndEnrollsOnceKeepsTheTokenOutOfItsOutputAndChangesNothingTheSecondTime() throws Exception {
		Path deb = DebianRoot.buildPackages(this.work.resolve("debs"), "tentacle").get(0);
		DebianRoot root = DebianRoot.create(this.work.resolve("root"));
		Path operator = Files.writeString(this.work.resolve("octl.yaml"),
				"brain: https://localhost:" + this.port + "\ncert: " + certs.operator("alice").certificate() + "\nkey: "
						+ certs.operator("alice").privateKey() + "\nca: " + certs.caCert() + "\n");
		OctlRun created = InProcessOctl.run(operator, this.work, "token", "create", "--role", "node", "--ttl", "1h");
		assertThat(created.exitCode()).as(created.err()).isZero();
		String token = created.json().get("token").asString();

		try (LoopbackSshd sshd = LoopbackSshd.start(this.work.resolve("ssh"))) {
			Path inventory = Files.writeString(this.work.resolve("inventory.ini"),
					"[tentacles]\nans01 ansible_host=127.0.0.1 ansible_port=" + sshd.port() + " ansible_user="
							+ System.getProperty("user.name") + " ansible_ssh_private_key_file=" + sshd.clientKey()
							+ " ansible_become=false ansible_python_interpreter=/usr/bin/python3\n");
			// The token reaches ansible in a vars file, as it would from a vault.
			Path vars = Files.writeString(this.work.resolve("vars.yml"),
					"octoplane_root: " + root.folder() + "\noctoplane_tentacle_deb: " + deb
							+ "\noctoplane_tentacle_brain: 127.0.0.1:" + this.agentServer.port()
							+ "\noctoplane_tentacle_brain_api: https://localhost:" + this.port
							+ "\noctoplane_tentacle_ca_file: " + certs.caCert() + "\noctoplane_tentacle_join_token: "
							+ token + "\noctoplane_tentacle_labels: {site: lab, role: camera}\n");
			ToolRun first = playbook(inventory, vars);
			assertThat(first.status()).as(first.output()).isZero();
			assertThat(first.output()).doesNotContain(token).containsPattern("ans01 +: ok=\\d+ +changed=[1-9]");
			assertThat(root.path("var/lib/octoplane/tentacle/certs/node.pem")).isRegularFile();
			assertThat(root.path("var/lib/octoplane/tentacle/certs/node-key.pem")).isRegularFile();
			assertThat(root.path("etc/octoplane/tentacle.yaml")).content()
				.contains("brain: 127.0.0.1:" + this.agentServer.port())
				.contains("name: ans01")
				.contains("labels:\n  role: \"camera\"\n  site: \"lab\"\n")
				.doesNotContain(token);
			assertThat(TentacleConfig.load(root.path("etc/octoplane/tentacle.yaml"), Map.of()).facts().labels())
				.isEqualTo(Map.of("site", "lab", "role", "camera"));
			X509Certificate issued = certificate(root.path("var/lib/octoplane/tentacle/certs/node.pem"));
			assertThat(issued.getSubjectX500Principal().getName()).startsWith("CN=ans01,");
			issued.verify(certificate(certs.caCert()).getPublicKey());

			ToolRun second = playbook(inventory, vars);
			assertThat(second.status()).as(second.output()).isZero();
			assertThat(second.output()).doesNotContain(token).containsPattern("ans01 +: ok=\\d+ +changed=0 ");
		}
	}

	private static X509Certificate certificate(Path pem) throws Exception {
		try (InputStream in = Files.newInputStream(pem)) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

	private ToolRun playbook(Path inventory, Path vars) throws Exception {
		return ToolRun.run(
				List.of("ansible-playbook", "-i", inventory.toString(), "-e", "@" + vars,
						ANSIBLE.resolve("site.yml").toString()),
				Map.of("ANSIBLE_ROLES_PATH", ANSIBLE.resolve("roles").toString(), "ANSIBLE_HOST_KEY_CHECKING", "False",
						"ANSIBLE_NOCOLOR", "1", "ANSIBLE_PIPELINING", "True", "ANSIBLE_RETRY_FILES_ENABLED", "False",
						"ANSIBLE_LOCAL_TEMP", this.work.resolve("ansible-local").toString(), "ANSIBLE_REMOTE_TMP",
						this.work.resolve("ansible-remote").toString(), "ANSIBLE_SSH_CONTROL_PATH_DIR",
						this.work.resolve("cp").toString(), "ANSIBLE_SSH_ARGS",
						// One connection per run, closed 5 s after the run.
						"-o UserKnownHostsFile=/dev/null -o StrictHostKeyChecking=no "
								+ "-o ControlMaster=auto -o ControlPersist=5s"),
				Duration.ofMinutes(3));
	}

}
