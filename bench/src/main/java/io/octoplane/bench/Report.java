package io.octoplane.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The figures of one benchmark run, in the order they were added, printed as a two-column
 * table for people and as one JSON line for scripts.
 */
final class Report {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final Map<String, Object> values = new LinkedHashMap<>();

	Report(String benchmark) {
		this.values.put("benchmark", benchmark);
	}

	Report put(String name, Object value) {
		this.values.put(name, value);
		return this;
	}

	/** Milliseconds rounded to a tenth, as a number in the JSON line. */
	Report putMillis(String name, double millis) {
		return put(name, Math.round(millis * 10) / 10.0);
	}

	void print(PrintWriter out) {
		int width = this.values.keySet().stream().mapToInt(String::length).max().orElse(0);
		for (Map.Entry<String, Object> entry : this.values.entrySet()) {
			out.printf("%-" + width + "s  %s%n", entry.getKey(), entry.getValue());
		}
		out.println(MAPPER.writeValueAsString(this.values));
		out.flush();
	}

}
