package io.octoplane.testsupport.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One operation of a server's API as a robustness test sees it, and the malformed
 * requests it gets: hostile values in each path variable, query parameter and header,
 * then malformed bodies. Both servers' robustness tests describe their operations this
 * way (the brain from its OpenAPI document, the nameserver from its handler mappings) and
 * share the requests.
 *
 * @param method the HTTP method
 * @param template the path with {@code {variables}}
 * @param query names of the query parameters
 * @param headers names of the request headers the operation reads
 * @param bodyHeaders headers that go with a body ({@code Content-Type}), empty without
 * one
 * @param plainBody a harmless body to send while other parts are hostile, or {@code null}
 * for an operation without a body
 * @param fillOthers the value for every path variable but the last, while the last is
 * hostile
 * @param fillLast the value for the last path variable while query, headers or body are
 * hostile
 */
public record ProbedOperation(String method, String template, List<String> query, List<String> headers,
		Map<String, String> bodyHeaders, byte @Nullable [] plainBody, String fillOthers, String fillLast) {

	private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");

	private static final List<String> HEADER_VALUES = List.of("", "nope", MalformedInputs.HEX40, MalformedInputs.HEX64,
			"..", "a".repeat(5000), "\u00e9");

	public ProbedOperation {
		query = List.copyOf(query);
		headers = List.copyOf(headers);
		bodyHeaders = Map.copyOf(bodyHeaders);
	}

	/**
	 * Sends the operation's malformed requests through the probe, which notes every
	 * answer that breaks the error contract.
	 * @param probe the probe
	 * @param bodies whether to send malformed bodies too (those of a typed body schema
	 * are the caller's to send)
	 */
	public void sendMalformed(ProblemProbe probe, boolean bodies) {
		if (VARIABLE.matcher(this.template).find()) {
			boolean twoOrMore = this.template.indexOf('{') != this.template.lastIndexOf('{');
			for (String segment : MalformedInputs.SEGMENTS) {
				probe.send(this.method, fill(segment, segment), this.bodyHeaders, this.plainBody);
				if (twoOrMore) {
					probe.send(this.method, fill(this.fillOthers, segment), this.bodyHeaders, this.plainBody);
				}
			}
		}
		String base = base();
		for (String name : this.query) {
			for (String value : MalformedInputs.QUERY_VALUES) {
				probe.send(this.method, base + "?" + name + "=" + value, this.bodyHeaders, this.plainBody);
			}
		}
		for (String name : this.headers) {
			for (String value : HEADER_VALUES) {
				Map<String, String> all = new LinkedHashMap<>(this.bodyHeaders);
				all.put(name, value);
				probe.send(this.method, base, all, this.plainBody);
			}
		}
		if (bodies && this.plainBody != null) {
			for (byte[] body : MalformedInputs.bodies()) {
				probe.send(this.method, base, this.bodyHeaders, body);
			}
		}
	}

	/** The path with harmless values in every variable. */
	public String base() {
		return fill(this.fillOthers, this.fillLast);
	}

	private String fill(String others, String last) {
		Matcher matcher = VARIABLE.matcher(this.template);
		List<int[]> spans = new ArrayList<>();
		while (matcher.find()) {
			spans.add(new int[] { matcher.start(), matcher.end() });
		}
		StringBuilder out = new StringBuilder(this.template);
		for (int i = spans.size() - 1; i >= 0; i--) {
			out.replace(spans.get(i)[0], spans.get(i)[1], (i == spans.size() - 1) ? last : others);
		}
		return out.toString();
	}

}
