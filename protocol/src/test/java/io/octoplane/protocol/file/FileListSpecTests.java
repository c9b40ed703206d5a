package io.octoplane.protocol.file;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FileListSpecTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void bareTextIsAPathListedOneLevelAsBeforeTrees() {
		assertThat(FileListSpec.parse("@log", this.json)).isEqualTo(new FileListSpec("@log", 1));
	}

	@Test
	void jsonCarriesTheDepth() {
		String text = this.json.writeValueAsString(new FileListSpec("/etc", 3));
		assertThat(FileListSpec.parse(text, this.json)).isEqualTo(new FileListSpec("/etc", 3));
	}

	@Test
	void depthOutOfRangeIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FileListSpec("/", -1));
		assertThatIllegalArgumentException().isThrownBy(() -> new FileListSpec("/", FileListSpec.MAX_DEPTH + 1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FileListSpec.parse("{\"path\":\"/\",\"depth\":99}", this.json));
	}

}
