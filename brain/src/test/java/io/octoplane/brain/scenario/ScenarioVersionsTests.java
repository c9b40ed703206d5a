package io.octoplane.brain.scenario;

import java.nio.file.Path;
import java.util.Map;

import io.octoplane.brain.config.BrainProperties;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ScenarioVersionsTests {

	@TempDir
	Path data;

	@Test
	void versionIsFoundByItsIdOrAPrefix() {
		ScenarioVersions versions = versions();
		String id = record(versions);
		assertThat(versions.resolve("", "demo", id)).isEqualTo(id);
		assertThat(versions.resolve("", "demo", id.substring(0, 7).toUpperCase())).isEqualTo(id);
	}

	@Test
	void completeIdOfNoVersionIsNotFound() {
		ScenarioVersions versions = versions();
		record(versions);
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> versions.resolve("", "demo", "0123456789abcdef0123456789abcdef01234567"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.VERSION_NOT_FOUND));
	}

	@Test
	void idLongerThanAnyVersionIsInvalid() {
		ScenarioVersions versions = versions();
		record(versions);
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> versions.resolve("", "demo", "0".repeat(41)));
	}

	@Test
	void aliasFileIsRecordedWithTheVersion() {
		ScenarioVersions versions = versions();
		String id = versions.record("", "demo", "name: demo\n".getBytes(), "g: [n1]\n".getBytes(), Map.of("a@n1", "c1"),
				"first", "alice");
		ScenarioVersions.Content content = versions.content("", "demo", id);
		assertThat(content.aliases()).asString().isEqualTo("g: [n1]\n");
		assertThat(content.nodeapps()).containsEntry("a@n1", "c1");
		assertThat(versions.content("", "demo", record(versions)).aliases()).isNull();
	}

	@Test
	void deleteRemovesTheRepositoryOnce() {
		ScenarioVersions versions = versions();
		record(versions);
		assertThat(versions.delete("", "demo")).isTrue();
		assertThat(versions.exists("", "demo")).isFalse();
		assertThat(versions.names("")).isEmpty();
		assertThat(versions.delete("", "demo")).isFalse();
	}

	private ScenarioVersions versions() {
		return new ScenarioVersions(new BrainProperties("test", this.data, "", true), JsonMapper.builder().build());
	}

	private static String record(ScenarioVersions versions) {
		return versions.record("", "demo", "nodeapps: {}\n".getBytes(), null, Map.of(), "first", "alice");
	}

}
