package io.octoplane.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.octoplane.certs.PemPair;
import io.octoplane.testsupport.octl.OctlRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code octl log get} with real parts: octl asks a real brain, which asks a real
 * tentacle to read the rolling log files in its {@code @log} folder (rolled files with
 * old dates are written by the test to check the day limit).
 */
class LogGetIT extends InProcessFleetTest {

	private Path octlConfig;

	@BeforeEach
	void writeOctlConfig() throws Exception {
		PemPair operator = certs.operator("log-operator");
		this.octlConfig = Files.writeString(this.work.resolve("octl.yaml"),
				"brain: https://127.0.0.1:" + this.port + "\ncert: " + operator.certificate() + "\nkey: "
						+ operator.privateKey() + "\nca: " + certs.caCert() + "\ntimeout: 30s\n");
	}

	@Test
	void linesAndDaysAreHonouredOnTheNode() throws Exception {
		this.fleet.startAll("logs", 1, agentPort());
		Path log = Files.createDirectories(this.fleet.workspace("logs01").resolve("log"));
		Instant now = Instant.now();
		Instant old = now.minus(3, ChronoUnit.DAYS);
		LocalDate oldDay = LocalDate.ofInstant(old, ZoneId.systemDefault());
		Files.writeString(log.resolve("tentacle.log." + oldDay + ".0"),
				old + "  WARN [main] Old : old entry\njava.lang.IllegalStateException: old trace\n");
		List<String> recent = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			recent.add(now.minusSeconds(60 - i) + "  INFO [main] Recent : recent " + i);
		}
		Files.writeString(log.resolve("tentacle.log"), String.join("\n", recent) + "\n");

		OctlRun last = octl("log", "get", "logs01", "-l", "3");
		OctlRun today = octl("log", "get", "logs01", "-l", "100", "-d", "1");
		OctlRun week = octl("log", "get", "logs01", "--lines", "100", "--days", "5");
		OctlRun document = octl("log", "get", "logs01", "-l", "2", "-o", "json");

		assertThat(last.exitCode()).as(last.err()).isZero();
		assertThat(last.out()).isEqualTo(String.join("\n", recent.subList(2, 5)) + "\n");
		assertThat(today.out().lines()).containsExactlyElementsOf(recent);
		assertThat(week.out().lines()).hasSize(7)
			.startsWith(old + "  WARN [main] Old : old entry", "java.lang.IllegalStateException: old trace");
		assertThat(document.exitCode()).isZero();
		assertThat(document.json().get("source").asString()).isEqualTo("logs01");
		assertThat(document.json().get("lines")).extracting((line) -> line.asString())
			.containsExactlyElementsOf(recent.subList(3, 5));
	}

	@Test
	void aNodeWithoutALogFileSaysSo() throws Exception {
		this.fleet.startAll("nolog", 1, agentPort());

		OctlRun run = octl("log", "get", "nolog01");

		assertThat(run.exitCode()).isEqualTo(3);
		assertThat(run.err()).contains("no log file").contains("nolog01");
		assertThat(run.out()).isEmpty();
	}

	@Test
	void anOfflineNodeIsAnErrorNotAWait() throws Exception {
		this.fleet.startAll("offlog", 1, agentPort());
		this.fleet.stop("offlog01");

		await().atMost(WAIT).untilAsserted(() -> {
			OctlRun run = octl("log", "get", "offlog01");
			assertThat(run.exitCode()).isEqualTo(3);
			assertThat(run.err()).contains("node offlog01 is offline");
		});
	}

	@Test
	void theBrainsOwnLog() {
		OctlRun run = octl("log", "get", "brain", "-l", "5");

		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.out().lines().toList()).hasSizeBetween(1, 5);
	}

	private OctlRun octl(String... args) {
		return InProcessOctl.run(this.octlConfig, this.work, args);
	}

}
