package io.octoplane.testsupport.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends requests and notes every answer that breaks the error contract: a 5xx, or a 4xx
 * that is not a problem document with a {@code code}. Notes instead of failing at once,
 * so one run lists every offender.
 */
public final class ProblemProbe {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final RawHttps http;

	private final List<String> failures = new ArrayList<>();

	private int sent;

	public ProblemProbe(RawHttps http) {
		this.http = http;
	}

	/**
	 * Sends one request and checks its answer.
	 * @return the answer, or {@code null} if there was none
	 */
	public RawHttps.Response send(String method, String target, Map<String, String> headers, byte[] body) {
		this.sent++;
		String request = method + " " + abbreviate(target);
		RawHttps.Response response;
		try {
			response = this.http.send(method, target, headers, body);
		}
		catch (IOException | RuntimeException ex) {
			this.failures.add(request + " -> no answer: " + ex);
			return null;
		}
		if (response.status() >= 500) {
			this.failures.add(request + " -> " + response.status() + " " + abbreviate(response.body()));
		}
		else if (response.status() >= 400 && !isProblem(response)) {
			this.failures.add(request + " -> " + response.status() + " without a problem document ("
					+ response.contentType() + "): " + abbreviate(response.body()));
		}
		return response;
	}

	/** Every answer that broke the contract. */
	public List<String> failures() {
		return List.copyOf(this.failures);
	}

	/** How many requests were sent. */
	public int sent() {
		return this.sent;
	}

	private static boolean isProblem(RawHttps.Response response) {
		if (!response.contentType().startsWith("application/problem+json")) {
			return false;
		}
		try {
			JsonNode problem = json.readTree(response.body());
			return !problem.path("code").asString("").isBlank() && !problem.path("type").asString("").isBlank();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "...(" + text.length() + " chars)" : text;
	}

}
