package io.octoplane.brain.job;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Several events written as one piece read as the events one by one would. */
class ServerSentEventsTests {

	@Test
	void eachEventHasItsNameDataAndBlankLine() {
		assertThat(ServerSentEvents.of("node", List.of("{\"name\":\"a\"}", "{\"name\":\"b\"}")).text())
			.isEqualTo("event:node\ndata:{\"name\":\"a\"}\n\nevent:node\ndata:{\"name\":\"b\"}\n\n");
	}

	@Test
	void dataOfSeveralLinesGetsADataFieldPerLine() {
		assertThat(ServerSentEvents.of("done", List.of("{\n}")).text()).isEqualTo("event:done\ndata:{\ndata:}\n\n");
	}

	@Test
	void noEventsAreNoText() {
		assertThat(ServerSentEvents.of("node", List.of()).text()).isEmpty();
		assertThat(ServerSentEvents.of("node", List.of()).build()).singleElement()
			.extracting((item) -> item.getData())
			.isEqualTo("");
	}

}
