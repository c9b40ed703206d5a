package io.octoplane.brain.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.brain.agent.AgentServer;
import io.octoplane.brain.agent.RawAgentClient;
import io.octoplane.brain.console.ConsolePage;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.agent.Welcome;
import io.octoplane.protocol.tls.PemTls;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's contract as clients see it: the OpenAPI document names every route the brain
 * serves and is itself behind the API's authentication, and each family of errors comes
 * back as the same RFC 9457 problem shape with a stable {@code code}.
 */
@TestPropertySource(properties = "octoplane.api.max-request-size=4KB")
class ApiContractIT extends BrainIntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern CAMEL_CASE = Pattern.compile("[a-z0-9][A-Z]");

	@LocalServerPort
	int port;

	@Autowired
	AgentServer agents;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void openApiDocumentListsEveryRoute() throws Exception {
		HttpResponse<String> response = get(operator(), "/v3/api-docs");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode document = json.readTree(response.body());
		assertThat(document.path("openapi").asString()).startsWith("3.");
		Set<String> documented = new TreeSet<>(document.path("paths").propertyNames());
		Set<String> served = new TreeSet<>();
		for (var entry : this.mappings.getHandlerMethods().entrySet()) {
			RequestMappingInfo info = entry.getKey();
			HandlerMethod method = entry.getValue();
			// The console's pages (io.octoplane.brain.console, and @ConsolePage
			// controllers
			// beside their services) are not REST routes.
			Class<?> controller = method.getBeanType();
			String featurePackage = controller.getPackageName();
			boolean consolePage = featurePackage.endsWith(".console")
					|| controller.isAnnotationPresent(ConsolePage.class);
			if (featurePackage.startsWith("io.octoplane.brain") && !consolePage) {
				served.addAll(info.getPatternValues());
			}
		}
		assertThat(served).isNotEmpty().contains("/api/v1/nodes", "/api/v1/commands");
		assertThat(documented).containsAll(served);
	}

	@Test
	void openApiDocumentHasOnlySnakeCaseFieldsAndNoBareArrayAnswers() throws Exception {
		JsonNode document = json.readTree(get(operator(), "/v3/api-docs").body());
		List<String> camelCase = new ArrayList<>();
		for (Map.Entry<String, JsonNode> schema : document.path("components").path("schemas").properties()) {
			collectCamelCase(schema.getKey(), schema.getValue(), camelCase);
		}
		assertThat(camelCase).as("camelCase property names").isEmpty();
		List<String> bareArrays = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				for (JsonNode response : operation.getValue().path("responses")) {
					for (JsonNode media : response.path("content")) {
						if ("array".equals(media.path("schema").path("type").asString(""))) {
							bareArrays.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
						}
					}
				}
			}
		}
		assertThat(bareArrays).as("answers that are a bare JSON array, not an object").isEmpty();
	}

	@Test
	void openApiDocumentDescribesEveryOperationParameterSchemaAndError() throws Exception {
		JsonNode document = json.readTree(get(operator(), "/v3/api-docs").body());
		List<String> undescribed = new ArrayList<>();
		List<String> errorsWithoutProblem = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
				String name = entry.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
				JsonNode operation = entry.getValue();
				if (operation.path("summary").asString("").isBlank()) {
					undescribed.add(name + " summary");
				}
				if (operation.path("description").asString("").isBlank()) {
					undescribed.add(name + " description");
				}
				for (JsonNode parameter : operation.path("parameters")) {
					if (parameter.path("description").asString("").isBlank()) {
						undescribed.add(name + " parameter " + parameter.path("name").asString());
					}
				}
				JsonNode responses = operation.path("responses");
				if (!responses.has("400")) {
					errorsWithoutProblem.add(name + " has no 400");
				}
				for (Map.Entry<String, JsonNode> response : responses.properties()) {
					if (response.getKey().startsWith("4") && !response.getValue()
						.path("content")
						.path("application/problem+json")
						.path("schema")
						.path("$ref")
						.asString("")
						.equals("#/components/schemas/Problem")) {
						errorsWithoutProblem.add(name + " " + response.getKey());
					}
				}
			}
		}
		for (Map.Entry<String, JsonNode> schema : document.path("components").path("schemas").properties()) {
			if (schema.getValue().path("description").asString("").isBlank()) {
				undescribed.add("schema " + schema.getKey());
			}
		}
		assertThat(undescribed).as("operations, parameters and schemas without a description").isEmpty();
		assertThat(errorsWithoutProblem).as("error answers that are not the problem document").isEmpty();
		JsonNode problem = document.path("components").path("schemas").path("Problem");
		assertThat(problem.path("properties").path("code").path("enum").valueStream().map(JsonNode::asString))
			.contains("invalid-request", "node-not-found");
	}

	private static void collectCamelCase(String where, JsonNode schema, List<String> found) {
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			if (CAMEL_CASE.matcher(property.getKey()).find()) {
				found.add(where + "." + property.getKey());
			}
			collectCamelCase(where + "." + property.getKey(), property.getValue(), found);
		}
		if (schema.has("items")) {
			collectCamelCase(where + "[]", schema.path("items"), found);
		}
	}

	@Test
	void apiDocumentsNeedCredentials() throws Exception {
		HttpResponse<String> response = get(PemTls.trustOnly(certs.caCert()), "/v3/api-docs");
		assertProblem(response, ErrorCode.UNAUTHENTICATED, "/v3/api-docs");
	}

	@Test
	void swaggerUiIsServedToOperators() throws Exception {
		HttpResponse<String> response = get(operator(), "/swagger-ui/index.html");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).containsIgnoringCase("swagger");
	}

	@Test
	void invalidRequestIsAProblem() throws Exception {
		assertProblem(get(operator(), "/api/v1/nodes?state=sleepy"), ErrorCode.INVALID_REQUEST, "/api/v1/nodes");
	}

	@Test
	void wrongMethodIsAProblem() throws Exception {
		HttpResponse<String> response = send(operator(),
				HttpRequest.newBuilder(uri("/api/v1/info")).method("PATCH", HttpRequest.BodyPublishers.noBody()));
		assertThat(response.statusCode()).isEqualTo(405);
		assertProblemShape(response, ErrorCode.INVALID_REQUEST, 405, "/api/v1/info");
	}

	@Test
	void missingCredentialsAreAProblem() throws Exception {
		assertProblem(get(PemTls.trustOnly(certs.caCert()), "/api/v1/nodes"), ErrorCode.UNAUTHENTICATED,
				"/api/v1/nodes");
	}

	@Test
	void certificateOfAnotherRoleIsAProblem() throws Exception {
		PemPair node = certs.node("contract-pi");
		assertProblem(get(PemTls.clientContext(node.certificate(), node.privateKey(), certs.caCert()), "/api/v1/nodes"),
				ErrorCode.FORBIDDEN, "/api/v1/nodes");
	}

	@Test
	void unknownNodeJobAndPathAreProblems() throws Exception {
		assertProblem(get(operator(), "/api/v1/nodes?name=nope"), ErrorCode.NODE_NOT_FOUND, "/api/v1/nodes");
		assertProblem(get(operator(), "/api/v1/jobs/0123456789abcdef"), ErrorCode.JOB_NOT_FOUND,
				"/api/v1/jobs/0123456789abcdef");
		assertProblem(get(operator(), "/api/v1/nothing-here"), ErrorCode.NOT_FOUND, "/api/v1/nothing-here");
	}

	@Test
	void pruningAConnectedNodeIsAConflict() throws Exception {
		PemPair node = certs.node("contract-live");
		try (RawAgentClient client = RawAgentClient
			.connect(PemTls.clientContext(node.certificate(), node.privateKey(), certs.caCert()), this.agents.port())) {
			client.send(RawAgentClient.hello("contract-live"));
			assertThat(client.receive()).isInstanceOf(Welcome.class);
			HttpResponse<String> response = send(operator(),
					HttpRequest.newBuilder(uri("/api/v1/nodes?name=contract-live")).DELETE());
			assertProblem(response, ErrorCode.CONFLICT, "/api/v1/nodes");
		}
	}

	@Test
	void oversizedBodyIsAProblem() throws Exception {
		HttpResponse<String> response = send(operator(),
				HttpRequest.newBuilder(uri("/api/v1/commands"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("[" + "1,".repeat(4096) + "1]")));
		assertProblem(response, ErrorCode.PAYLOAD_TOO_LARGE, "/api/v1/commands");
	}

	private static void assertProblem(HttpResponse<String> response, ErrorCode code, String instance) throws Exception {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(code.httpStatus());
		assertProblemShape(response, code, code.httpStatus(), instance);
	}

	private static void assertProblemShape(HttpResponse<String> response, ErrorCode code, int status, String instance)
			throws Exception {
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo(code.typeUri());
		assertThat(problem.path("code").asString()).isEqualTo(code.slug());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).isNotBlank();
		assertThat(problem.path("instance").asString()).isEqualTo(instance);
	}

	private static SSLContext operator() throws Exception {
		PemPair operator = certs.operator("contract-alice");
		return PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert());
	}

	private HttpResponse<String> get(SSLContext context, String path) throws Exception {
		return send(context, HttpRequest.newBuilder(uri(path)).GET());
	}

	private HttpResponse<String> send(SSLContext context, HttpRequest.Builder request) throws Exception {
		try (HttpClient client = HttpClient.newBuilder()
			.sslContext(context)
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build()) {
			return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	private URI uri(String path) {
		return URI.create("https://localhost:" + this.port + path);
	}

}
