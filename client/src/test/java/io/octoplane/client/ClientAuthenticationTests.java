package io.octoplane.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.WorkgroupResponse;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.testsupport.api.ApiFixtures;
import io.octoplane.testsupport.api.StubBrain;
import io.octoplane.testsupport.api.StubBrain.Answer;
import io.octoplane.testsupport.api.StubBrain.Request;
import io.octoplane.testsupport.certs.CertFixtures;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAuthenticationTests {

	@TempDir
	Path dir;

	private CertFixtures certs;

	private StubBrain brain;

	@BeforeEach
	void startBrain() throws Exception {
		this.certs = CertFixtures.create(Files.createDirectories(this.dir.resolve("certs")));
		this.brain = StubBrain.startAskingForCertificate(this.certs);
	}

	@AfterEach
	void stopBrain() {
		this.brain.close();
	}

	@Test
	void basicSendsWorkgroupAndPasswordAsUtf8WithoutAClientCertificate() throws Exception {
		String expected = "Basic "
				+ Base64.getEncoder().encodeToString("/lab/pis:pässwörd-0123".getBytes(StandardCharsets.UTF_8));
		this.brain.requireAuthorization(expected).answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList());
		OctoplaneClient client = client(ClientAuthentication.basic("/lab/pis", "pässwörd-0123"), null);
		assertThat(client.nodes().list(List.of(), null)).isEqualTo(ApiFixtures.nodeList());
		Request request = this.brain.lastRequest();
		assertThat(request.authorization()).isEqualTo(expected);
		assertThat(request.workgroup()).isNull();
		assertThat(request.clientCertificate()).isNull();
	}

	@Test
	void bearerSendsTheToken() throws Exception {
		this.brain.answerJson("GET", ApiPaths.WORKGROUP, new WorkgroupResponse("/lab", List.of("pi1"), List.of()));
		OctoplaneClient client = client(ClientAuthentication.bearer("oct_3f9a.secret"), null);
		assertThat(client.workgroups().get(null).path()).isEqualTo("/lab");
		assertThat(this.brain.lastRequest().authorization()).isEqualTo("Bearer oct_3f9a.secret");
	}

	@Test
	void workgroupHeaderGoesWithEveryCall() throws Exception {
		this.brain.answerJson("GET", ApiPaths.NODES, ApiFixtures.nodeList())
			.answerJson("GET", ApiFixtures.jobPath(), ApiFixtures.job(ApiFixtures.succeeded("pi1", "")))
			.answers("DELETE", ApiPaths.TOKEN.replace("{id}", "t1"), new Answer(204, "application/json", "", Map.of()));
		OctoplaneClient client = client(ClientAuthentication.bearer("oct_x"), "/lab/pis");
		client.nodes().list(List.of(), null);
		client.jobs().get(ApiFixtures.JOB_ID);
		client.tokens().revoke("t1");
		assertThat(this.brain.requests()).hasSize(3)
			.allSatisfy((request) -> assertThat(request.workgroup()).isEqualTo("/lab/pis"));
		assertThat(client.workgroup()).contains("/lab/pis");
	}

	@Test
	void wrongPasswordIsUnauthenticatedAndNeverInTheMessage() throws Exception {
		this.brain.requireAuthorization("Basic nothing-matches");
		OctoplaneClient client = client(ClientAuthentication.basic("/lab", "hunter2hunter2"), null);
		assertThatExceptionOfType(OctoplaneApiException.class).isThrownBy(() -> client.nodes().list(List.of(), null))
			.satisfies((ex) -> {
				assertThat(ex.errorCode()).contains(ErrorCode.UNAUTHENTICATED);
				assertThat(ex.getMessage()).doesNotContain("hunter2");
			});
	}

	@Test
	void tooManyRequestsCarriesRetryAfter() throws Exception {
		this.brain.answers("GET", ApiPaths.NODES,
				Answer.problem(ErrorCode.TOO_MANY_REQUESTS, "slow down").withHeader("Retry-After", "17"));
		OctoplaneClient client = client(ClientAuthentication.bearer("oct_x"), null);
		assertThatExceptionOfType(OctoplaneApiException.class).isThrownBy(() -> client.nodes().list(List.of(), null))
			.satisfies((ex) -> {
				assertThat(ex.errorCode()).contains(ErrorCode.TOO_MANY_REQUESTS);
				assertThat(ex.retryAfter()).contains(Duration.ofSeconds(17));
			});
	}

	@Test
	void secretsStayOutOfToStringAndErrors() {
		assertThat(ClientAuthentication.basic("/lab", "hunter2hunter2").toString()).contains("/lab")
			.doesNotContain("hunter2");
		assertThat(ClientAuthentication.bearer("oct_secret").toString()).doesNotContain("oct_secret");
		assertThatIllegalArgumentException().isThrownBy(() -> ClientAuthentication.bearer("oct secret"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("secret"));
		assertThatIllegalArgumentException().isThrownBy(() -> ClientAuthentication.bearer("oct_s\r\nX: y"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("oct_s"));
		assertThatIllegalArgumentException().isThrownBy(() -> ClientAuthentication.basic("/a:b", "pw"))
			.withMessageContaining("must not contain ':'");
		assertThatIllegalArgumentException().isThrownBy(() -> ClientAuthentication.basic("/a", ""));
	}

	@Test
	void workgroupMustFitInAHeader() {
		assertThatIllegalArgumentException().isThrownBy(() -> OctoplaneClient.builder().workgroup("/lab\r\nX: y"));
		assertThatIllegalArgumentException().isThrownBy(() -> OctoplaneClient.builder().workgroup(" "));
	}

	private OctoplaneClient client(ClientAuthentication authentication, @Nullable String workgroup) throws Exception {
		return OctoplaneClient.builder()
			.baseUri(URI.create(this.brain.uri().toString()))
			.sslContext(PemTls.trustOnly(this.certs.caCert()))
			.authentication(authentication)
			.workgroup(workgroup)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

}
