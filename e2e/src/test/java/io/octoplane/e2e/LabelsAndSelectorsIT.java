package io.octoplane.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.octoplane.certs.PemPair;
import io.octoplane.client.NodeLabelApi;
import io.octoplane.client.OctoplaneApiException;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeCommandResult;
import io.octoplane.protocol.api.NodeFactsResponse;
import io.octoplane.protocol.selector.LabelChange;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.tentacle.config.FactSettings;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Facts, labels and selectors end to end: real tentacles with tentacle.yaml labels and
 * fact scripts report to a real brain over mutual TLS, which keeps them in a real
 * redis-server; operators label nodes and select them in commands, listings and
 * deployment.yaml, never beyond their workgroup.
 */
class LabelsAndSelectorsIT extends InProcessFleetTest {

	@DynamicPropertySource
	static void scenarioProperties(DynamicPropertyRegistry registry) throws IOException {
		Path data = Files.createTempDirectory("octoplane-labels-it-");
		registry.add("octoplane.brain.data-dir", data::toString);
	}

	@Test
	void aRealTentacleReportsBuiltInFactsScriptFactsAndScriptErrors() throws Exception {
		Path scripts = Files.createDirectories(this.work.resolve("facts.d"));
		Path rack = script(scripts, "rack.sh", "echo rack=a1\necho room=2.14\n");
		script(scripts, "slow.sh", "sleep 30\n");
		script(scripts, "failing.sh", "exit 4\n");
		script(scripts, "oversized.sh", "i=0; while [ $i -lt 300 ]; do echo k$i=vvvvvvvvvvvvvvvv; i=$((i+1)); done\n");
		FactSettings settings = new FactSettings(Map.of("site", "facts"), scripts, Duration.ofMillis(500), 1024,
				Duration.ofSeconds(1));
		this.fleet.start("facts1", agentPort(), settings);
		NodeFactsResponse facts = awaitFacts("facts1", (reported) -> reported.facts().containsKey("rack"));
		assertThat(facts.facts()).containsEntry("rack", "a1")
			.containsEntry("room", "2.14")
			.containsKeys("os", "kernel", "arch", "cpu_count", "memory_total", "hostname", "boot_time",
					"tentacle_version", "java_version");
		assertThat(Long.parseLong(facts.facts().get("memory_total"))).isPositive();
		assertThat(facts.errors()).containsEntry("slow.sh", "timed out after 500ms")
			.containsEntry("failing.sh", "exited with status 4")
			.hasEntrySatisfying("oversized.sh", (error) -> assertThat(error).contains("more than the limit"));
		assertThat(facts.labels()).containsEntry("site", "facts");
		// A changed fact is sent again without a reconnect.
		Files.writeString(rack, "#!/bin/sh\necho rack=b7\n");
		awaitFacts("facts1", (reported) -> "b7".equals(reported.facts().get("rack")));
		assertThat(this.client.labels().select("rack=b7")).containsExactly("facts1");
		OctlRun octl = octl("node", "facts", "facts1");
		assertThat(octl.exitCode()).as(octl.err()).isZero();
		assertThat(octl.json().path("facts").path("rack").asString()).isEqualTo("b7");
	}

	@Test
	void selectorsPickNodesByLabelsAndFactsInEveryCommandFamily() throws Exception {
		startLab();
		NodeLabelApi labels = this.client.labels();
		assertThat(labels.select("site=lab")).containsExactly("cam1", "pi1");
		assertThat(labels.select("site=lab,role!=camera")).containsExactly("pi1");
		assertThat(labels.select("role in (camera,sensor),!gpu")).containsExactly("cam1", "pi1");
		assertThat(labels.select("site,site notin (lab,facts)")).containsExactly("srv1");
		assertThat(labels.select("role")).containsExactly("cam1", "pi1");
		assertThat(labels.select("facts.memory_total>1Ki,facts.cpu_count>=1,site in (lab,dc)")).containsExactly("cam1",
				"pi1", "srv1");
		String os = labels.facts("pi1").facts().get("os");
		assertThat(labels.select("os=" + os + ",site=dc")).containsExactly("srv1");

		JobResponse job = awaitDone(this.client.jobs()
			.submit(new CommandRequest(List.of("srv1", NodeLabelApi.target("site=lab,role!=camera")), CommandMode.SHELL,
					"echo hi", 30L, null, null, null, null, null, null))
			.id());
		assertThat(job.results()).extracting(NodeCommandResult::name).containsExactly("srv1", "pi1");
		assertThat(job.selectors()).containsExactly("site=lab,role!=camera");
		assertThat(this.client.jobs().list(10, null, List.of(NodeLabelApi.target("role=sensor"))).jobs())
			.extracting((summary) -> summary.id())
			.first()
			.isEqualTo(job.id());

		OctoplaneApiException none = catchThrowableOfType(OctoplaneApiException.class,
				() -> this.client.jobs()
					.submit(new CommandRequest(List.of(NodeLabelApi.target("site=nowhere")), CommandMode.SHELL,
							"echo never", 30L, null, null, null, null, null, null)));
		assertThat(none.errorCode()).contains(ErrorCode.INVALID_REQUEST);
		assertThat(none.detail()).contains("matches no node");

		OctlRun get = octl("node", "get", "-l", "site=lab");
		assertThat(get.exitCode()).as(get.err()).isZero();
		assertThat(get.json().path("total").asInt()).isEqualTo(2);
		OctlRun dryRun = octl("cmd", "run", "touch ran", "-l", "role=camera", "--dry-run");
		assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
		assertThat(dryRun.json().path("nodes").toString()).isEqualTo("[\"cam1\"]");
		assertThat(this.fleet.workspace("cam1").resolve("ran")).doesNotExist();
		Path upload = Files.writeString(this.work.resolve("app.conf"), "x=1\n");
		Path conf = this.fleet.workspace("srv1").resolve("conf");
		OctlRun file = octl("file", "upload", upload.toString(), conf.toString(), "-l", "site=dc");
		assertThat(file.exitCode()).as(file.err()).isZero();
		assertThat(conf.resolve("app.conf")).hasContent("x=1\n");
	}

	@Test
	void deploymentYamlNodesMayBeSelectors() throws Exception {
		startLab();
		Path folder = Files.createDirectories(this.work.resolve("scenarios/probe"));
		Files.writeString(folder.resolve("deployment.yaml"), """
				name: probe
				applications:
				- name: probe
				  scriptpath: scripts
				  nodes: ['label:site=lab,role!=camera', 'srv1']
				  script:
				  - { target: prepare, file: start.sh, order: 1 }
				  - { target: start, file: start.sh, order: 1 }
				  - { target: stop, file: stop.sh, order: 1 }
				  - { target: purge, file: stop.sh, order: 1 }
				""");
		Files.createDirectories(folder.resolve("scripts"));
		Files.writeString(folder.resolve("scripts/start.sh"), "echo started > \"$OCTOPODA_WORKSPACE/probe.txt\"\n");
		Files.writeString(folder.resolve("scripts/stop.sh"), "true\n");
		OctlRun apply = octl("scen", "apply", folder.toString(), "-m", "by label");
		assertThat(apply.exitCode()).as(apply.err() + apply.out()).isZero();
		assertThat(this.fleet.workspace("pi1").resolve("probe.txt")).exists();
		assertThat(this.fleet.workspace("srv1").resolve("probe.txt")).exists();
		assertThat(this.fleet.workspace("cam1").resolve("probe.txt")).doesNotExist();
		Files.writeString(folder.resolve("deployment.yaml"),
				Files.readString(folder.resolve("deployment.yaml")).replace("role!=camera", "role!=camera,gpu"));
		OctlRun empty = octl("scen", "apply", folder.toString(), "-m", "none");
		assertThat(empty.exitCode()).isNotZero();
		assertThat(empty.err()).contains("matches no node");
		Files.writeString(folder.resolve("deployment.yaml"),
				Files.readString(folder.resolve("deployment.yaml")).replace("role!=camera,gpu", "role in camera"));
		OctlRun bad = octl("scen", "apply", folder.toString(), "-m", "bad");
		assertThat(bad.exitCode()).isEqualTo(2);
		assertThat(bad.err()).contains("applications[0].nodes[0]").contains("expected '(' to open");
	}

	@Test
	void operatorLabelsAreAuditedAndSurviveReconnects() throws Exception {
		startLab();
		NodeLabelApi labels = this.client.labels();
		labels.label("cam1", LabelChange.parse(List.of("shelf=a1", "role=doorbell")));
		assertThat(labels.select("shelf=a1,role=doorbell")).containsExactly("cam1");
		Instant before = labels.facts("cam1").reportedAt();
		this.fleet.stop("cam1");
		this.fleet.start("cam1", agentPort(), new FactSettings(Map.of("site", "lab", "role", "camera"), null,
				Duration.ofSeconds(5), 1024, Duration.ofMinutes(5)));
		awaitFacts("cam1", (facts) -> facts.reportedAt() != null && facts.reportedAt().isAfter(before));
		assertThat(labels.labels("cam1").operator()).isEqualTo(Map.of("shelf", "a1", "role", "doorbell"));
		assertThat(labels.labels("cam1").config()).containsEntry("role", "camera");
		assertThat(labels.select("role=doorbell")).containsExactly("cam1");
		OctlRun removed = octl("node", "label", "cam1", "shelf-", "role-");
		assertThat(removed.exitCode()).as(removed.err()).isZero();
		assertThat(labels.select("role=camera")).containsExactly("cam1");
		assertThat(catchThrowableOfType(OctoplaneApiException.class, () -> labels.select("shelf")).errorCode())
			.contains(ErrorCode.INVALID_REQUEST);
		OctlRun bad = octl("node", "label", "cam1", "Bad Key=x");
		assertThat(bad.exitCode()).isEqualTo(2);
		OctlRun audit = octl("audit", "--limit", "20");
		assertThat(audit.out()).contains("/api/v1/nodes/cam1/labels").contains("shelf=a1");
	}

	@Test
	void aSelectorNeverReachesANodeOutsideTheWorkgroup() throws Exception {
		startLab();
		this.client.workgroups().addNodes("/lab", List.of("pi1"));
		OctoplaneClient lab = client("/lab");
		assertThat(lab.labels().select("site=lab")).containsExactly("pi1");
		assertThat(lab.labels().select("!gpu")).containsExactly("pi1");
		OctoplaneApiException outside = catchThrowableOfType(OctoplaneApiException.class,
				() -> lab.labels().select("site=dc"));
		assertThat(outside.errorCode()).contains(ErrorCode.INVALID_REQUEST);
		assertThat(catchThrowableOfType(OctoplaneApiException.class, () -> lab.labels().facts("cam1")).errorCode())
			.contains(ErrorCode.NODE_NOT_FOUND);
		assertThat(catchThrowableOfType(OctoplaneApiException.class,
				() -> lab.labels().label("cam1", LabelChange.parse(List.of("x=y"))))
			.errorCode()).contains(ErrorCode.NODE_NOT_FOUND);
		assertThat(this.client.labels().labels("cam1").labels()).doesNotContainKey("x");
		JobResponse job = awaitDone(lab.jobs()
			.submit(new CommandRequest(List.of(NodeLabelApi.target("role")), CommandMode.SHELL, "echo hi", 30L, null,
					null, null, null, null, null))
			.id());
		assertThat(job.results()).extracting(NodeCommandResult::name).containsExactly("pi1");
	}

	private void startLab() throws Exception {
		start("pi1", Map.of("site", "lab", "role", "sensor"));
		start("cam1", Map.of("site", "lab", "role", "camera"));
		start("srv1", Map.of("site", "dc"));
		for (String node : List.of("pi1", "cam1", "srv1")) {
			awaitFacts(node, (facts) -> facts.reportedAt() != null);
		}
	}

	private void start(String name, Map<String, String> labels) throws InterruptedException {
		FactSettings settings = new FactSettings(labels, null, Duration.ofSeconds(5), 1024, Duration.ofMinutes(5));
		assertThat(this.fleet.start(name, agentPort(), settings).awaitConnected(WAIT)).as(name).isTrue();
	}

	private NodeFactsResponse awaitFacts(String node, Predicate<NodeFactsResponse> condition) {
		return await().atMost(WAIT)
			.ignoreExceptionsInstanceOf(OctoplaneApiException.class)
			.until(() -> this.client.labels().facts(node), condition);
	}

	private OctoplaneClient client(String workgroup) throws Exception {
		PemPair operator = certs.operator("alice");
		return OctoplaneClient.builder()
			.baseUri(URI.create("https://localhost:" + this.port))
			.sslContext(PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert()))
			.workgroup(workgroup)
			.build();
	}

	private OctlRun octl(String... args) throws IOException {
		Path config = OperatorOctlConfig.write(this.work, certs, "https://127.0.0.1:" + this.port, "timeout: 30s");
		return InProcessOctl.run(config, this.work, args);
	}

	private static Path script(Path folder, String name, String body) throws IOException {
		Path file = folder.resolve(name);
		Files.writeString(file, "#!/bin/sh\n" + body);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
		return file;
	}

}
