package io.octoplane.client;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.octoplane.certs.PemPair;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.agent.CommandMode;
import io.octoplane.protocol.api.AuditResponse;
import io.octoplane.protocol.api.CommandRequest;
import io.octoplane.protocol.api.JobListResponse;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.api.NodeListResponse;
import io.octoplane.protocol.api.NodeState;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.api.StubBrain;
import io.octoplane.testsupport.api.StubBrain.Answer;
import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.ports.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OctoplaneClientTests {

	@TempDir
	Path dir;

	private CertFixtures certs;

	private StubBrain brain;

	@BeforeEach
	void startBrain() throws Exception {
		this.certs = CertFixtures.create(Files.createDirectories(this.dir.resolve("certs")));
		this.brain = StubBrain.start(this.certs);
	}

	@AfterEach
	void stopBrain() {
		this.brain.close();
	}

	@Test
	void readsNodeList() throws Exception {
		this.brain.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
		NodeListResponse nodes = client(this.certs.operator("alice"), this.certs.caCert()).nodes()
			.list(List.of("pi1"), NodeState.OFFLINE);
		assertThat(nodes).isEqualTo(ApiFixtures.nodeList());
		assertThat(this.brain.lastRequest().query()).isEqualTo("name=pi1&state=offline");
	}

	@Test
	void submitPostsJobRequestAndReadsAcceptedJob() throws Exception {
		JobResponse accepted = ApiFixtures.job(ApiFixtures.queued("pi1"), ApiFixtures.expired("pi2"));
		this.brain.answers("POST", ApiPaths.COMMANDS,
				Answer.json(202, accepted).withHeader("Location", ApiFixtures.jobPath()));
		JobResponse response = client(this.certs.operator("alice"), this.certs.caCert()).jobs()
			.submit(new CommandRequest(List.of("pi1", "pi2"), CommandMode.SHELL, "echo hi", 10L, null, 600L, "25%", "2",
					true, true));
		assertThat(response).isEqualTo(accepted);
		assertThat(this.brain.lastRequest().body()).contains("\"mode\":\"shell\"", "\"timeout_seconds\":10",
				"\"wait_offline_seconds\":600", "\"max_concurrency\":\"25%\"", "\"max_errors\":\"2\"",
				"\"continuous\":true", "\"stream_output\":true");
	}

	@Test
	void readsListsAndCancelsJobs() throws Exception {
		JobResponse done = ApiFixtures.job(ApiFixtures.succeeded("pi1", "up\n"));
		this.brain.answerJson("GET", ApiFixtures.jobPath(), done)
			.answerJson("GET", ApiPaths.JOBS, ApiFixtures.jobList())
			.answerJson("POST", ApiFixtures.jobPath(ApiPaths.JOB_CANCEL), done);
		OctoplaneClient client = client(this.certs.operator("alice"), this.certs.caCert());
		assertThat(client.jobs().get(ApiFixtures.JOB_ID)).isEqualTo(done);
		JobListResponse jobs = client.jobs().list(5);
		assertThat(jobs).isEqualTo(ApiFixtures.jobList());
		assertThat(this.brain.lastRequest().query()).isEqualTo("limit=5");
		assertThat(client.jobs().cancel(ApiFixtures.JOB_ID)).isEqualTo(done);
		assertThat(this.brain.lastRequest().method()).isEqualTo("POST");
		assertThat(this.brain.lastRequest().path()).isEqualTo("/api/v1/jobs/job-1/cancel");
	}

	@Test
	void jobsAndAuditPageByCursor() throws Exception {
		this.brain.answerJson("GET", ApiPaths.JOBS, new JobListResponse(ApiFixtures.jobList().jobs(), "bmV4dA"))
			.answerJson("GET", ApiPaths.AUDIT, new AuditResponse(List.of(), null));
		OctoplaneClient client = client(this.certs.operator("alice"), this.certs.caCert());
		JobListResponse page = client.jobs().list(2, "c3RhcnQ");
		assertThat(this.brain.lastRequest().query()).isEqualTo("limit=2&cursor=c3RhcnQ");
		assertThat(page.nextCursor()).isEqualTo("bmV4dA");
		AuditResponse audit = client.audit().page(3, "bmV4dA");
		assertThat(this.brain.lastRequest().query()).isEqualTo("limit=3&cursor=bmV4dA");
		assertThat(audit.nextCursor()).isNull();
	}

	@Test
	void unknownJobIsJobNotFound() throws Exception {
		this.brain.answerProblem("GET", "/api/v1/jobs/nope", ErrorCode.JOB_NOT_FOUND, "no job nope");
		OctoplaneClient client = client(this.certs.operator("alice"), this.certs.caCert());
		assertThatExceptionOfType(OctoplaneApiException.class).isThrownBy(() -> client.jobs().get("nope"))
			.satisfies((ex) -> assertThat(ex.errorCode()).contains(ErrorCode.JOB_NOT_FOUND));
	}

	@Test
	void jobsLimitOutOfRangeIsRefusedLocally() throws Exception {
		OctoplaneClient client = client(this.certs.operator("alice"), this.certs.caCert());
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> client.jobs().list(0));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> client.jobs().list(1001));
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void problemDocumentBecomesApiException() throws Exception {
		this.brain.answerProblem("DELETE", ApiPaths.NODES, ErrorCode.CONFLICT, "node pi1 is online");
		OctoplaneClient client = client(this.certs.operator("alice"), this.certs.caCert());
		assertThatExceptionOfType(OctoplaneApiException.class).isThrownBy(() -> client.nodes().prune(List.of("pi1")))
			.satisfies((ex) -> {
				assertThat(ex.errorCode()).contains(ErrorCode.CONFLICT);
				assertThat(ex.httpStatus()).isEqualTo(409);
				assertThat(ex.title()).isEqualTo("Problem: conflict");
				assertThat(ex.detail()).isEqualTo("node pi1 is online");
			});
	}

	@Test
	void unknownSlugKeepsTheSlugWithoutCode() throws Exception {
		this.brain.answer("GET", ApiPaths.NODE_STATUS, 429, "application/problem+json",
				"{\"title\":\"Too Many Requests\",\"status\":429,\"code\":\"rate-limited\"}");
		OctoplaneClient client = client(this.certs.operator("alice"), this.certs.caCert());
		assertThatExceptionOfType(OctoplaneApiException.class).isThrownBy(() -> client.nodes().status(List.of()))
			.satisfies((ex) -> {
				assertThat(ex.errorCode()).isEmpty();
				assertThat(ex.codeSlug()).isEqualTo("rate-limited");
				assertThat(ex.getMessage()).isEqualTo("Too Many Requests (HTTP 429, rate-limited)");
			});
	}

	@Test
	void nonProblemErrorBodyIsDescribed() throws Exception {
		this.brain.answer("GET", ApiPaths.NODES, 502, "text/html", "<html><body>Bad Gateway</body></html>");
		OctoplaneClient client = client(this.certs.operator("alice"), this.certs.caCert());
		assertThatExceptionOfType(OctoplaneApiException.class).isThrownBy(() -> client.nodes().list(List.of(), null))
			.satisfies((ex) -> {
				assertThat(ex.errorCode()).isEmpty();
				assertThat(ex.httpStatus()).isEqualTo(502);
				assertThat(ex.getMessage()).contains("HTTP 502 without a problem document", "text/html",
						"<html><body>Bad Gateway</body></html>");
			});
	}

	@Test
	void operatorCertificateFromForeignCaFailsTheHandshake() throws Exception {
		CertFixtures foreign = CertFixtures.create(Files.createDirectories(this.dir.resolve("foreign")));
		OctoplaneClient client = client(foreign.operator("mallory"), this.certs.caCert());
		// TLS 1.3 reports the refusal either as an alert or as a connection closed
		// before the answer, depending on timing (OctoplaneConnectionExceptionTests
		// covers both shapes); either way the message is the same.
		assertThatExceptionOfType(OctoplaneConnectionException.class)
			.isThrownBy(() -> client.nodes().list(List.of(), null))
			.withMessage("brain at " + this.brain.uri() + " refused the TLS connection or closed it without answering")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(OctoplaneConnectionException.Reason.TLS));
		assertThat(this.brain.requests()).isEmpty();
	}

	@Test
	void postCutOffWhileTheBrainStillAnswersSaysItBrokeAndMayHaveActed() throws Exception {
		// The brain that took the call died; the balancer's next brain answers the look.
		this.brain.answers("POST", ApiPaths.COMMANDS, Answer.hangUp())
			.answer("GET", ApiPaths.INFO, 401, "application/problem+json", "{}");
		OctoplaneClient client = client(this.certs.operator("alice"), this.certs.caCert());
		assertThatExceptionOfType(OctoplaneConnectionException.class)
			.isThrownBy(() -> client.jobs().submit(CommandRequest.of(List.of("pi1"), CommandMode.SHELL, "echo hi")))
			.withMessage("the connection to brain at " + this.brain.uri()
					+ " broke before it answered (that brain stopped or went away mid-call)")
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(OctoplaneConnectionException.Reason.IO);
				assertThat(ex.mayHaveActed()).isTrue();
			});
		// Sent once: nothing re-sends a call that may have started a job.
		assertThat(this.brain.requests("POST", ApiPaths.COMMANDS)).hasSize(1);
		assertThat(this.brain.requests("GET", ApiPaths.INFO)).hasSize(1);
	}

	@Test
	void readCutOffWhileTheBrainStillAnswersCouldNotHaveActed() throws Exception {
		this.brain.answers("GET", ApiPaths.NODES, Answer.hangUp())
			.answerJson("GET", ApiPaths.INFO, ApiFixtures.nodeList().brain());
		OctoplaneClient client = client(this.certs.operator("alice"), this.certs.caCert());
		assertThatExceptionOfType(OctoplaneConnectionException.class)
			.isThrownBy(() -> client.nodes().list(List.of(), null))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(OctoplaneConnectionException.Reason.IO);
				assertThat(ex.mayHaveActed()).isFalse();
			});
	}

	@Test
	void brainCertificateFromForeignCaFailsTheHandshake() throws Exception {
		CertFixtures foreign = CertFixtures.create(Files.createDirectories(this.dir.resolve("foreign")));
		OctoplaneClient client = client(this.certs.operator("alice"), foreign.caCert());
		assertThatExceptionOfType(OctoplaneConnectionException.class)
			.isThrownBy(() -> client.nodes().list(List.of(), null))
			.withMessageStartingWith("TLS handshake with " + this.brain.uri() + " failed: ");
	}

	@Test
	void closedPortIsConnectionRefused() throws Exception {
		URI closed = URI.create("https://127.0.0.1:" + FreePorts.take());
		PemPair alice = this.certs.operator("alice");
		OctoplaneClient client = OctoplaneClient.builder()
			.baseUri(closed)
			.sslContext(PemTls.clientContext(alice.certificate(), alice.privateKey(), this.certs.caCert()))
			.build();
		assertThatExceptionOfType(OctoplaneConnectionException.class)
			.isThrownBy(() -> client.nodes().list(List.of(), null))
			.withMessage("cannot reach brain at " + closed + ": connection refused")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(OctoplaneConnectionException.Reason.REFUSED));
	}

	@Test
	void builderRequiresBaseUri() {
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> OctoplaneClient.builder().build())
			.withMessage("baseUri must not be null");
	}

	private OctoplaneClient client(PemPair operator, Path ca) throws Exception {
		return OctoplaneClient.builder()
			.baseUri(this.brain.uri())
			.sslContext(PemTls.clientContext(operator.certificate(), operator.privateKey(), ca))
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

}
