package io.octoplane.brain.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.octoplane.protocol.ErrorCode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * What the brain's OpenAPI document ({@code /v3/api-docs}, Swagger UI) says beyond what
 * springdoc reads from the controllers and their Javadoc: the API's purpose, the problem
 * document every error answers with, referenced by each operation's error responses, and
 * the meaning of the query parameters many operations share.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocumentation {

	static final String PROBLEM = "Problem";

	static final String PROBLEM_MEDIA_TYPE = "application/problem+json";

	// Parameters shared by many operations, described once. A parameter documented
	// at its controller keeps its own text.
	private static final Map<String, String> SHARED_PARAMETERS = Map.ofEntries(
			Map.entry("limit", "Most entries in one page."),
			Map.entry("cursor",
					"Where the page starts: the next_cursor of the page before; "
							+ "absent for the first (newest) page. Opaque; entries added while paging are neither "
							+ "repeated nor skipped."),
			Map.entry("name",
					"Node names; ALL and @group stand for every node of the workgroup or of a group, "
							+ "label:SELECTOR for the nodes whose labels and facts match. Repeat the parameter or "
							+ "separate names with commas (a selector runs to the end of its parameter)."),
			Map.entry("target",
					"A target list entry: a node name, ALL, @group, or label:SELECTOR (for example "
							+ "label:site=lab,arch in (arm64,armv7)); repeat the parameter for more."),
			Map.entry("names", "Names, repeated or separated by commas."), Map.entry("node", "The node's name."),
			Map.entry("id", "The job's id, as answered when it was started."),
			Map.entry("state", "Only nodes in this state: online (also unstable ones), unstable or offline."),
			Map.entry("pattern", "Only nodes whose name matches this glob: * any characters, ? one."),
			Map.entry("workgroup", "A workgroup path, such as /lab/pis."),
			Map.entry("path",
					"A path: a file or folder on the node or in the brain's file store, or a "
							+ "workgroup path, as the operation says."),
			Map.entry("scenario", "The scenario's name."),
			Map.entry("version", "A version, as listed by the " + "versions operation."),
			Map.entry("nodeapp", "The nodeapp's name, within its scenario."),
			Map.entry("lines", "How many of the newest lines."), Map.entry("days", "How many days back."),
			Map.entry("since", "Only entries from this time on (ISO-8601)."));

	@Bean
	OpenAPI octoplaneOpenApi() {
		return new OpenAPI().info(new Info().title("Octoplane brain API")
			.description("The brain's REST API: nodes and their status, command jobs, files, scenarios, "
					+ "workgroups, tokens and the audit trail. Every call is authenticated (operator "
					+ "certificate, workgroup password or API token); every error is an RFC 9457 problem "
					+ "document (" + PROBLEM_MEDIA_TYPE + ") whose code member names the error. "
					+ "Listings that can grow page by cursor: pass a page's next_cursor as cursor.")
			.version("v1"));
	}

	@Bean
	OpenApiCustomizer problemDocuments() {
		return (openApi) -> {
			Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
			openApi.setComponents(components);
			components.addSchemas(PROBLEM, problemSchema());
			if (components.getSchemas() != null) {
				// Error answers now name Problem; Spring's own class is no longer
				// referenced.
				components.getSchemas().remove("ProblemDetail");
				components.getSchemas()
					.computeIfPresent("SseEmitter",
							(name, schema) -> new StringSchema()
								.description("A stream of server-sent events (text/event-stream): each event's name "
										+ "says what it carries, its data is one JSON document."));
			}
			if (openApi.getPaths() == null) {
				return;
			}
			// Spring Boot's error page is how failures outside the API become problems
			// too; it is no operation of its own.
			openApi.getPaths().remove("/error");
			openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				describeParameters(operation);
				describeErrors(path, method, operation);
			}));
		};
	}

	private static void describeParameters(Operation operation) {
		if (operation.getParameters() == null) {
			return;
		}
		for (Parameter parameter : operation.getParameters()) {
			if (parameter.getDescription() == null || parameter.getDescription().isBlank()) {
				parameter.setDescription(SHARED_PARAMETERS.get(parameter.getName()));
			}
		}
	}

	private static void describeErrors(String path, PathItem.HttpMethod method, Operation operation) {
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		operation.setResponses(responses);
		Map<String, String> errors = new TreeMap<>();
		errors.put("400", "The request is malformed or a value is out of range (code invalid-request).");
		errors.put("401", "No usable credentials (code unauthenticated).");
		errors.put("403", "The credentials do not allow this call (code forbidden).");
		if (path.contains("{")) {
			errors.put("404", "What the path names does not exist or is not visible to the caller.");
		}
		if (method != PathItem.HttpMethod.GET) {
			errors.put("409", "The call conflicts with the current state (code conflict).");
		}
		errors.put("429", "Too many requests (code too-many-requests); retry later.");
		errors.put("503", "A part the brain depends on is unavailable (code unavailable).");
		// Error answers springdoc found on the exception handlers keep their status.
		responses.keySet().stream().filter(OpenApiDocumentation::isError).forEach((status) -> {
			errors.putIfAbsent(status, "An error (see code).");
		});
		errors.forEach((status, description) -> {
			ApiResponse response = responses.computeIfAbsent(status, (key) -> new ApiResponse());
			if (response.getDescription() == null || response.getDescription().isBlank()
					|| response.getDescription().equals(reasonPhrase(status))) {
				response.setDescription(description);
			}
			response.setContent(new Content().addMediaType(PROBLEM_MEDIA_TYPE,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
		});
	}

	private static boolean isError(String status) {
		return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
	}

	private static String reasonPhrase(String status) {
		try {
			HttpStatus known = HttpStatus.resolve(Integer.parseInt(status));
			return (known != null) ? known.getReasonPhrase() : status;
		}
		catch (NumberFormatException ex) {
			return status;
		}
	}

	@SuppressWarnings("rawtypes")
	private static Schema problemSchema() {
		List<String> codes = Arrays.stream(ErrorCode.values()).map(ErrorCode::slug).toList();
		StringSchema code = new StringSchema();
		code.setEnum(codes);
		code.description("The error, for programs to match on: one slug per kind of error, stable across "
				+ "versions. Clients must not match on title or detail.");
		return new ObjectSchema().description("An RFC 9457 problem document: the body of every error answer.")
			.addProperty("type",
					new StringSchema().format("uri")
						.description("urn:octoplane:problem:<code>, the error kind as a URI."))
			.addProperty("title", new StringSchema().description("A short human-readable summary of the kind."))
			.addProperty("status", new IntegerSchema().description("The HTTP status code."))
			.addProperty("detail", new StringSchema().description("What went wrong this time, for people."))
			.addProperty("instance", new StringSchema().format("uri").description("The path of the request."))
			.addProperty("code", code)
			.required(List.of("type", "title", "status", "code"));
	}

}
