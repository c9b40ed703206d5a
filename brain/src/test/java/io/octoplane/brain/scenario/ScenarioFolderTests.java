package io.octoplane.brain.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.octoplane.server.web.InvalidRequestException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.octoplane.testsupport.archive.TestArchives.base64TarGz;
import static io.octoplane.testsupport.archive.TestArchives.file;
import static io.octoplane.testsupport.archive.TestArchives.link;
import static io.octoplane.testsupport.archive.TestArchives.special;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ScenarioFolderTests {

	private static final long LIMIT = 1024 * 1024;

	/** Every unsafe entry of the file-transfer rules, with the rule's words. */
	static Stream<Arguments> unsafe() {
		return Stream.of(Arguments.of("dot-dot name", base64TarGz(file("a/../../evil")), "'..'"),
				Arguments.of("dot-dot that stays inside", base64TarGz(file("a/../b")), "'..'"),
				Arguments.of("absolute name", base64TarGz(file("/etc/evil")), "absolute"),
				Arguments.of("hard link", base64TarGz(special("passwd", TarArchiveEntry.LF_LINK, "/etc/passwd")),
						"no hard links"),
				Arguments.of("device", base64TarGz(special("null", TarArchiveEntry.LF_CHR, "")), "devices"),
				Arguments.of("link out of the folder", base64TarGz(link("up", "../evil")), "points outside"),
				Arguments.of("absolute link", base64TarGz(link("etc", "/etc")), "relative target"),
				Arguments.of("read through a link", base64TarGz(link("here", "."), file("here/x")),
						"through a symbolic link"),
				Arguments.of("file twice", base64TarGz(file("x"), file("./x")), "appears twice"));
	}

	@TempDir
	Path dir;

	private ScenarioFolder read(String base64, long limit) throws IOException {
		Path archive = Files.createTempFile(this.dir, "folder-", ".tar.gz");
		Files.write(archive, Base64.getDecoder().decode(base64));
		return ScenarioFolder.read(archive, limit);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unsafe")
	void read_unsafeEntry(String what, String archive, String rule) {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> read(archive, LIMIT))
			.withMessageContaining("the scenario folder is refused")
			.withMessageContaining(rule);
	}

	@Test
	void filesAreIndexedByTheirNormalizedPathAndLinksAndFoldersSkipped() throws IOException {
		ScenarioFolder folder = read(base64TarGz(new TarArchiveEntry("./"), new TarArchiveEntry("web/"),
				file("./web/run.sh"), link("web/same.sh", "run.sh"), file("deployment.yaml")), LIMIT);
		assertThat(folder.has("web/run.sh")).isTrue();
		assertThat(folder.has("web/same.sh")).isFalse();
		assertThat(folder.under("")).containsExactly("web/run.sh", "deployment.yaml");
		assertThat(folder.under("web")).containsExactly("run.sh");
		// Only the files the brain parses are held in memory.
		assertThat(folder.file("deployment.yaml")).isPresent();
		assertThat(folder.file("web/run.sh")).isEmpty();
		Map<String, String> streamed = new LinkedHashMap<>();
		folder.each("web", (path, size, content) -> streamed.put(path,
				new String(content.readAllBytes(), StandardCharsets.UTF_8)));
		assertThat(streamed).containsExactly(Map.entry("run.sh", "./web/run.sh"));
	}

	@Test
	void read_largerThanTheLimitOnceUnpacked() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> read(base64TarGz(file("a-long-enough-name")), 4))
			.withMessageContaining("larger than 4 bytes");
	}

	@Test
	void read_notATarGz() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> read(Base64.getEncoder().encodeToString("plain".getBytes()), LIMIT))
			.withMessageContaining("not a readable tar.gz");
	}

}
