package io.octoplane.protocol.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NodeStateTests {

	@Test
	void parse_shownNames() {
		assertThat(NodeState.parse("online")).isEqualTo(NodeState.ONLINE);
		assertThat(NodeState.parse(" Unstable ")).isEqualTo(NodeState.UNSTABLE);
		assertThat(NodeState.parse("OFFLINE")).isEqualTo(NodeState.OFFLINE);
	}

	@Test
	void parse_octopodaStateNames() {
		assertThat(NodeState.parse("ready")).isEqualTo(NodeState.ONLINE);
		assertThat(NodeState.parse("disconn")).isEqualTo(NodeState.UNSTABLE);
		assertThat(NodeState.parse("dead")).isEqualTo(NodeState.OFFLINE);
	}

	@Test
	void parse_unknownNamesEverySpelling() {
		assertThatIllegalArgumentException().isThrownBy(() -> NodeState.parse("sideways"))
			.withMessageContaining("online (ready), unstable (disconn), offline (dead)");
	}

}
