package io.octoplane.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import io.octoplane.brain.agent.AgentServer;
import io.octoplane.certs.PemPair;
import io.octoplane.client.JobListener;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.e2e.support.InProcessBrainTest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.tls.PemTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A real brain with tentacles running in the test's JVM, each with its own workspace
 * under a temporary folder, and an SDK client logged in as an operator.
 */
abstract class InProcessFleetTest extends InProcessBrainTest {

	/** Longest wait for anything the fleet does in these tests. */
	static final Duration WAIT = Duration.ofSeconds(60);

	@TempDir
	Path work;

	@LocalServerPort
	int port;

	@Autowired
	AgentServer agentServer;

	TentacleFleet fleet;

	OctoplaneClient client;

	@BeforeEach
	void startFleet() throws Exception {
		this.fleet = new TentacleFleet(certs, this.work);
		PemPair operator = certs.operator("alice");
		this.client = OctoplaneClient.builder()
			.baseUri(URI.create("https://localhost:" + this.port))
			.sslContext(PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert()))
			.build();
	}

	@AfterEach
	void stopFleet() {
		this.fleet.close();
	}

	int agentPort() {
		return this.agentServer.port();
	}

	/** Waits until every target of the job is final, following its events. */
	JobResponse awaitDone(String id) throws Exception {
		return this.client.jobs().await(id, WAIT, new JobListener() {
		});
	}

}
