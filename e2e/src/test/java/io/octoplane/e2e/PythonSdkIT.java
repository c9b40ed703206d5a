package io.octoplane.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import io.octoplane.brain.agent.AgentServer;
import io.octoplane.certs.PemPair;
import io.octoplane.e2e.support.InProcessBrainTest;
import io.octoplane.tentacle.Tentacle;
import io.octoplane.tentacle.config.BrainAddress;
import io.octoplane.tentacle.config.TentacleConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Python SDK ({@code clients/python}) against a real brain and real tentacles: a
 * fresh virtual environment installs the SDK offline with pip, then pytest runs the SDK's
 * unit and integration tests with the brain's address, CA, an operator certificate and
 * the node names in {@code OCTOPLANE_TEST_*} variables. Every test must run and pass; a
 * skipped one fails this test, since here the variables are always set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PythonSdkIT extends InProcessBrainTest {

	private static final Path SDK = Path.of("..", "clients", "python").toAbsolutePath().normalize();

	private static final List<String> NODES = List.of("pysdk1", "pysdk2");

	private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);

	@TempDir
	static Path work;

	@LocalServerPort
	int port;

	@Autowired
	AgentServer agentServer;

	private final List<Tentacle> tentacles = new ArrayList<>();

	@BeforeAll
	void startNodes() throws Exception {
		for (String name : NODES) {
			PemPair pair = certs.node(name);
			TentacleConfig config = TentacleConfig
				.of(new BrainAddress("localhost", this.agentServer.port()), pair.certificate(), pair.privateKey(),
						certs.caCert(), work.resolve(name))
				.withTimings(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));
			Tentacle tentacle = new Tentacle(config, Clock.systemUTC());
			this.tentacles.add(tentacle);
			tentacle.start();
		}
		for (int i = 0; i < NODES.size(); i++) {
			assertThat(this.tentacles.get(i).awaitConnected(Duration.ofSeconds(20))).as(NODES.get(i) + " connected")
				.isTrue();
		}
	}

	@AfterAll
	void stopNodes() {
		this.tentacles.forEach(Tentacle::close);
	}

	@Test
	void pythonSdkInstallsOfflineAndPassesItsTestsAgainstTheFleet() throws Exception {
		Path venv = work.resolve("venv");
		// System site packages: Debian's python3-pytest is visible; the index never is.
		run(List.of("python3", "-m", "venv", "--system-site-packages", venv.toString()), Map.of(), "venv");
		Path python = venv.resolve("bin/python");
		run(List.of(python.toString(), "-m", "pip", "install", "--no-index", "--no-cache-dir", "-q", SDK.toString()),
				Map.of(), "pip-install");

		PemPair operator = certs.operator("pysdk-operator");
		Path report = work.resolve("pytest.xml");
		Map<String, String> env = Map.of("OCTOPLANE_TEST_BRAIN", "https://127.0.0.1:" + this.port, "OCTOPLANE_TEST_CA",
				certs.caCert().toString(), "OCTOPLANE_TEST_CERT", operator.certificate().toString(),
				"OCTOPLANE_TEST_KEY", operator.privateKey().toString(), "OCTOPLANE_TEST_NODES", String.join(",", NODES),
				"OCTOPLANE_TEST_VENV", venv.toString());
		run(List.of(python.toString(), "-m", "pytest", SDK.resolve("tests").toString(), "-q", "-p", "no:cacheprovider",
				"--junitxml=" + report), env, "pytest");

		Element suite = testSuite(report);
		int integrationTests = countTests(SDK.resolve("tests/test_brain_integration.py"));
		assertThat(integrationTests).isGreaterThan(10);
		assertThat(attribute(suite, "skipped")).as("skipped tests").isZero();
		assertThat(attribute(suite, "failures")).as("failed tests").isZero();
		assertThat(attribute(suite, "errors")).as("tests in error").isZero();
		NodeList cases = suite.getElementsByTagName("testcase");
		int ran = 0;
		for (int i = 0; i < cases.getLength(); i++) {
			if (((Element) cases.item(i)).getAttribute("classname").endsWith("test_brain_integration")) {
				ran++;
			}
		}
		assertThat(ran).as("integration tests run against the brain").isEqualTo(integrationTests);
		assertThat(attribute(suite, "tests")).isGreaterThan(integrationTests);
	}

	private static void run(List<String> command, Map<String, String> env, String name) throws Exception {
		Path log = work.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(env);
		builder.environment().put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
		// Keep the source tree free of caches written by the run.
		builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
		Process process = builder.start();
		boolean exited = process.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		if (!exited) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(exited).as(name + " did not finish in " + STEP_TIMEOUT + ":\n" + output).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + " failed:\n" + output).isZero();
	}

	private static Element testSuite(Path report) throws Exception {
		Element root = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(report.toFile())
			.getDocumentElement();
		if ("testsuite".equals(root.getTagName())) {
			return root;
		}
		return (Element) root.getElementsByTagName("testsuite").item(0);
	}

	private static int attribute(Element suite, String name) {
		return Integer.parseInt(suite.getAttribute(name));
	}

	/** Test functions of a pytest module; the integration tests are not parametrized. */
	private static int countTests(Path module) throws IOException {
		Matcher matcher = Pattern.compile("(?m)^def test_").matcher(Files.readString(module));
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

}
