package io.octoplane.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.octoplane.certs.PemPair;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Octopoda's own SDK test does, done with octl against a real brain and two real
 * tentacles named as in Octopoda's test fleet: node info and status, {@code uname -a} on
 * both, a file uploaded to {@code @fstore/foobar} and downloaded back, a script that
 * reads it through {@code $OCTOPODA_FSTORE} and answers through {@code $OCTOPODA_OUTPUT},
 * bash's own syntax, and background and delayed runs.
 */
class OctopodaSdkSequenceIT extends InProcessFleetTest {

	private static final List<String> NODES = List.of("pi4", "pi5");

	private Path octlConfig;

	private Path local;

	@BeforeEach
	void startPis() throws Exception {
		for (String name : NODES) {
			assertThat(this.fleet.start(name, agentPort()).awaitConnected(WAIT)).as(name + " connected").isTrue();
		}
		PemPair operator = certs.operator("sdk-operator");
		this.octlConfig = Files.writeString(this.work.resolve("octl.yaml"),
				"brain: https://127.0.0.1:" + this.port + "\ncert: " + operator.certificate() + "\nkey: "
						+ operator.privateKey() + "\nca: " + certs.caCert() + "\ntimeout: 30s\n");
		this.local = Files.createDirectories(this.work.resolve("local"));
	}

	@Test
	void sdkSequenceRunsAsInOctopoda() throws Exception {
		OctlRun info = octl("node", "get");
		assertThat(info.exitCode()).as(info.err()).isZero();
		assertThat(info.json().get("nodes")).extracting((node) -> node.get("name").asString()).containsAll(NODES);
		OctlRun status = octl("node", "status", "pi4", "pi5");
		assertThat(status.exitCode()).as(status.err()).isZero();
		assertThat(status.json().get("nodes")).hasSize(2)
			.allSatisfy((node) -> assertThat(node.get("cpu_cores").asInt()).isPositive());

		OctlRun uname = octl("cmd", "run", "uname -a", "pi4", "pi5");
		assertThat(uname.exitCode()).as(uname.err()).isZero();
		assertThat(uname.json().get("results")).hasSize(2)
			.allSatisfy((result) -> assertThat(result.get("output").asString()).startsWith("Linux "));

		Path testfile = Files.writeString(this.local.resolve("testfile.txt"), "hello from the fstore\n");
		OctlRun upload = octl("file", "upload", "-f", testfile.toString(), "@fstore/foobar", "pi4", "pi5");
		assertThat(upload.exitCode()).as(upload.err()).isZero();
		for (String node : NODES) {
			assertThat(this.fleet.workspace(node).resolve("fstore/foobar/testfile.txt"))
				.hasContent("hello from the fstore");
		}
		Path localfoobar = Files.createDirectories(this.local.resolve("localfoobar"));
		OctlRun download = octl("file", "download", "@fstore/foobar/testfile.txt", localfoobar.toString(), "pi4");
		assertThat(download.exitCode()).as(download.err()).isZero();
		assertThat(localfoobar.resolve("testfile.txt")).hasContent("hello from the fstore");

		Path script = Files.writeString(this.local.resolve("report.sh"), """
				#!/bin/bash
				cat "$OCTOPODA_FSTORE/foobar/testfile.txt" > "$OCTOPODA_OUTPUT"
				echo "read by $OCTOPODA_NODENAME" >> "$OCTOPODA_OUTPUT"
				echo to stdout
				""");
		OctlRun json = octl("cmd", "run", "-ss", script.toString(), "pi4", "pi5");
		assertThat(json.exitCode()).as(json.err()).isZero();
		for (JsonNode result : json.json().get("results")) {
			String node = result.get("name").asString();
			assertThat(result.get("script_output").asString())
				.isEqualTo("hello from the fstore\nread by " + node + "\n");
			assertThat(result.get("output").asString()).isEqualTo("to stdout\n");
		}
		OctlRun table = octl("cmd", "run", "-ss", script.toString(), "pi4", "pi5", "-o", "table");
		assertThat(table.exitCode()).as(table.err()).isZero();
		assertThat(table.out()).contains("""
				pi4:
				    to stdout
				  output:
				    hello from the fstore
				    read by pi4
				""");
	}

	@Test
	void bashScriptsBackgroundAndDelayedRunsGetTheOctopodaEnvironment() throws Exception {
		Path bashism = Files.writeString(this.local.resolve("bashism.sh"), """
				pis=(pi4 pi5)
				if [[ " ${pis[*]} " == *" $OCTOPODA_NODENAME "* ]]; then
				  echo "${#pis[@]} pis, I am $OCTOPODA_NODENAME" > "$OCTOPODA_OUTPUT"
				fi
				""");
		OctlRun bash = octl("cmd", "run", "-ss", bashism.toString(), "pi4", "pi5");
		assertThat(bash.exitCode()).as(bash.err()).isZero();
		assertThat(bash.json().get("results")).extracting((result) -> result.get("script_output").asString())
			.containsExactlyInAnyOrder("2 pis, I am pi4\n", "2 pis, I am pi5\n");

		OctlRun background = octl("cmd", "run", "-bg",
				"sleep 0.2; echo \"$OCTOPODA_NODENAME $OCTOPODA_FSTORE\" > bg.txt", "pi4", "pi5");
		assertThat(background.exitCode()).as(background.err()).isZero();
		for (String node : NODES) {
			Path workspace = this.fleet.workspace(node).toAbsolutePath().normalize();
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(this.fleet.lines(node, "bg.txt"))
					.containsExactly(node + " " + workspace.resolve("fstore")));
		}

		OctlRun delayed = octl("cmd", "xrun", "-d", "1", "echo \"fired on $OCTOPODA_NODENAME\" >> \"$OCTOPODA_OUTPUT\"",
				"pi4", "pi5");
		assertThat(delayed.exitCode()).as(delayed.err()).isZero();
		assertThat(delayed.json().get("start_at")).isNotNull();
		assertThat(delayed.json().get("results")).extracting((result) -> result.get("script_output").asString())
			.containsExactlyInAnyOrder("fired on pi4\n", "fired on pi5\n");
		assertThat(Duration.between(Instant.parse(delayed.json().get("created_at").asString()),
				Instant.parse(delayed.json().get("start_at").asString())))
			.isEqualTo(Duration.ofSeconds(1));
	}

	private OctlRun octl(String... args) {
		return InProcessOctl.run(this.octlConfig, this.work, args);
	}

}
