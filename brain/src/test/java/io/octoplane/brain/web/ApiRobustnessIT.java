package io.octoplane.brain.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import io.octoplane.brain.BrainIntegrationTest;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.testsupport.http.MalformedInputs;
import io.octoplane.testsupport.http.ProbedOperation;
import io.octoplane.testsupport.http.ProblemProbe;
import io.octoplane.testsupport.http.RawHttps;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks the brain's own OpenAPI document and sends every operation malformed input, as
 * the root operator: bad JSON, wrong types, huge and empty values, {@code ..},
 * {@code %00}, encoded slashes, unicode, and well-formed ids that name nothing. No answer
 * may be a 5xx, and every refusal must be a problem document with a {@code code}, also
 * for the requests Tomcat refuses before Spring sees them.
 */
@TestPropertySource(properties = { "octoplane.security.requests-per-second=1000000", "octoplane.security.burst=1000000",
		"octoplane.security.failed-logins-per-minute=1000000" })
class ApiRobustnessIT extends BrainIntegrationTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

	@LocalServerPort
	int port;

	@Test
	void noOperationAnswersMalformedInputWithAServerError() throws Exception {
		ProblemProbe probe = new ProblemProbe(new RawHttps(root(), this.port));
		RawHttps.Response docs = probe.send("GET", "/v3/api-docs", Map.of(), null);
		assertThat(docs).isNotNull();
		assertThat(docs.status()).isEqualTo(200);
		JsonNode document = json.readTree(docs.body());
		int operations = 0;
		for (var path : document.path("paths").properties()) {
			for (var operation : path.getValue().properties()) {
				String method = operation.getKey().toUpperCase();
				if (method.equals("GET") || method.equals("POST") || method.equals("PUT") || method.equals("DELETE")
						|| method.equals("PATCH")) {
					operations++;
					exercise(probe, document, method, path.getKey(), operation.getValue());
				}
			}
		}
		assertThat(operations).isGreaterThan(30);
		assertThat(probe.sent()).isGreaterThan(800);
		assertThat(probe.failures()).as("%d requests sent", probe.sent()).isEmpty();
	}

	@Test
	void requestsTomcatRefusesAreProblems() throws Exception {
		ProblemProbe probe = new ProblemProbe(new RawHttps(root(), this.port));
		for (String target : List.of("/%00", "/api/v1/nodes/%2F/logs", "/api/v1/jobs/%5C", "/api/v1/jobs/%zz",
				"/api/v1/jobs/a%", "/api/v1/jobs/%C0%AF", "/api/v1/jobs/\u00e9", "/api/v1/../../etc/passwd",
				"/api/v1/jobs/a\u0001b", "*")) {
			RawHttps.Response response = probe.send("GET", target, Map.of(), null);
			assertThat(response).as(target).isNotNull();
			assertThat(response.status()).as(target).isBetween(400, 499);
		}
		probe.send("GET", "/api/v1/nodes", Map.of("X-Long", "a".repeat(20_000)), null);
		probe.send("GET", "/api/v1/nodes?" + "a=b&".repeat(5000), Map.of(), null);
		probe.send("BREW", "/api/v1/nodes", Map.of(), null);
		probe.send("GET", "/error", Map.of(), null);
		assertThat(probe.failures()).isEmpty();
	}

	private void exercise(ProblemProbe probe, JsonNode document, String method, String template, JsonNode operation) {
		List<String> query = new ArrayList<>();
		List<String> headers = new ArrayList<>();
		for (JsonNode parameter : operation.path("parameters")) {
			switch (parameter.path("in").asString()) {
				case "query" -> query.add(parameter.path("name").asString());
				case "header" -> headers.add(parameter.path("name").asString());
				default -> {
				}
			}
		}
		String bodyType = null;
		JsonNode bodySchema = null;
		for (var content : operation.path("requestBody").path("content").properties()) {
			bodyType = content.getKey();
			bodySchema = resolve(document, content.getValue().path("schema"));
		}
		Map<String, String> bodyHeaders = (bodyType != null) ? Map.of("Content-Type", bodyType) : Map.of();
		byte[] plainBody = (bodyType != null) ? MalformedInputs.bytes("{}") : null;
		ProbedOperation probed = new ProbedOperation(method, template, query, headers, bodyHeaders, plainBody, "robust",
				"robust");
		probed.sendMalformed(probe, true);
		if (bodyType == null) {
			return;
		}
		String base = probed.base();
		if (bodyType.contains("json") && bodySchema != null) {
			probe.send(method, base, JSON, MalformedInputs.bytes(value(document, bodySchema, Fill.WRONG_TYPES, "", 0)));
			for (String text : MalformedInputs.STRINGS) {
				probe.send(method, base, JSON,
						MalformedInputs.bytes(value(document, bodySchema, Fill.STRINGS, text, 0)));
			}
			for (String number : MalformedInputs.NUMBERS) {
				probe.send(method, base, JSON,
						MalformedInputs.bytes(value(document, bodySchema, Fill.NUMBERS, number, 0)));
			}
		}
	}

	/** Which members a generated body fills with the input, and how. */
	private enum Fill {

		/** Every member has a value of the wrong JSON type. */
		WRONG_TYPES,

		/** Every string member is the input; others are plausible. */
		STRINGS,

		/** Every number member is the input; others are plausible. */
		NUMBERS

	}

	private static String value(JsonNode document, JsonNode schema, Fill fill, String input, int depth) {
		JsonNode resolved = resolve(document, schema);
		String type = type(resolved);
		if (depth > 4) {
			return "null";
		}
		return switch (type) {
			case "object" -> {
				if (fill == Fill.WRONG_TYPES && depth > 0) {
					yield "\"not an object\"";
				}
				StringBuilder out = new StringBuilder("{");
				for (var property : resolved.path("properties").properties()) {
					if (out.length() > 1) {
						out.append(',');
					}
					out.append(MalformedInputs.quote(property.getKey()))
						.append(':')
						.append(value(document, property.getValue(), fill, input, depth + 1));
				}
				JsonNode additional = resolved.path("additionalProperties");
				if (additional.isObject() && out.length() == 1 && fill != Fill.WRONG_TYPES) {
					out.append(MalformedInputs.quote((fill == Fill.STRINGS) ? input : "key"))
						.append(':')
						.append(value(document, additional, fill, input, depth + 1));
				}
				yield out.append('}').toString();
			}
			case "array" -> (fill == Fill.WRONG_TYPES) ? "{}"
					: "[" + value(document, resolved.path("items"), fill, input, depth + 1) + "]";
			case "integer", "number" -> switch (fill) {
				case WRONG_TYPES -> "\"twelve\"";
				case NUMBERS -> input;
				case STRINGS -> "1";
			};
			case "boolean" -> (fill == Fill.WRONG_TYPES) ? "\"yes\"" : "true";
			default -> switch (fill) {
				case WRONG_TYPES -> "[1]";
				case STRINGS -> MalformedInputs.quote(input);
				case NUMBERS -> "\"robust\"";
			};
		};
	}

	private static String type(JsonNode schema) {
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			for (JsonNode each : type) {
				if (!each.asString().equals("null")) {
					return each.asString();
				}
			}
		}
		if (type.isString()) {
			return type.asString();
		}
		return schema.has("properties") ? "object" : "string";
	}

	private static JsonNode resolve(JsonNode document, JsonNode schema) {
		JsonNode current = schema;
		// Bounded: a reference names a schema, which is not itself a reference here.
		for (int i = 0; i < 8 && current.has("$ref"); i++) {
			String name = current.path("$ref").asString().replace("#/components/schemas/", "");
			current = document.path("components").path("schemas").path(name);
		}
		if (current.has("allOf") && current.path("allOf").size() == 1) {
			return resolve(document, current.path("allOf").get(0));
		}
		return current;
	}

	private static SSLContext root() throws Exception {
		PemPair operator = certs.operator("robust-root");
		return PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert());
	}

}
