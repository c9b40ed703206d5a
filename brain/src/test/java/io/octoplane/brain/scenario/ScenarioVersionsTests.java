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

	private ScenarioVersions versions() {
		return new ScenarioVersions(new BrainProperties("test", this.data, "", true), JsonMapper.builder().build());
	}

	private static String record(ScenarioVersions versions) {
		return versions.record("", "demo", "nodeapps: {}\n".getBytes(), null, Map.of(), "first", "alice");
	}

}
