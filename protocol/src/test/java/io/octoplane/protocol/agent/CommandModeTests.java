package io.octoplane.protocol.agent;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandModeTests {

	@Test
	void wireNamesAreTheNamesJacksonWrites() throws Exception {
		for (CommandMode mode : CommandMode.values()) {
			assertThat(mode.wireName())
				.isEqualTo(CommandMode.class.getField(mode.name()).getAnnotation(JsonProperty.class).value());
		}
	}

}
