package io.octoplane.client;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTests {

	@Test
	void blankLineDispatchesTypedEvent() {
		assertThat(parse("event: node", "data: {\"name\":\"pi1\"}", ""))
			.containsExactly(new SseEvent("node", "{\"name\":\"pi1\"}"));
	}

	@Test
	void dataFieldsAreJoinedWithNewlines() {
		assertThat(parse("event: done", "data: {", "data:   \"id\": \"job-1\"", "data: }", ""))
			.containsExactly(new SseEvent("done", "{\n  \"id\": \"job-1\"\n}"));
	}

	@Test
	void commentsAreSkippedEvenInsideAnEvent() {
		assertThat(parse(": keep-alive", "", "event: output", ":ping", "data: x", ""))
			.containsExactly(new SseEvent("output", "x"));
	}

	@Test
	void onlyOneSpaceAfterTheColonIsDropped() {
		assertThat(parse("data:no-space", "", "data:  two", "")).containsExactly(new SseEvent("message", "no-space"),
				new SseEvent("message", " two"));
	}

	@Test
	void eventWithoutDataIsNotDispatchedAndTypeResets() {
		assertThat(parse("event: node", "", "data: x", "")).containsExactly(new SseEvent("message", "x"));
	}

	@Test
	void idRetryAndUnknownFieldsAreIgnored() {
		assertThat(parse("id: 7", "retry: 1000", "colour: blue", "data", "event: node", ""))
			.containsExactly(new SseEvent("node", ""));
	}

	@Test
	void unfinishedEventAtEndOfStreamIsDropped() {
		assertThat(parse("event: node", "data: x")).isEmpty();
	}

	@Test
	void byteOrderMarkOnFirstLineIsIgnored() {
		assertThat(parse("\uFEFFevent: node", "data: x", "")).containsExactly(new SseEvent("node", "x"));
	}

	private static List<SseEvent> parse(String... lines) {
		SseParser parser = new SseParser();
		List<SseEvent> events = new ArrayList<>();
		for (String line : lines) {
			parser.line(line).ifPresent(events::add);
		}
		return events;
	}

}
