package io.octoplane.brain.scenario;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import io.octoplane.server.web.InvalidRequestException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ScenarioFolderTests {

	private static final long LIMIT = 1024 * 1024;

	/** Every unsafe entry of the file-transfer rules, with the rule's words. */
	static Stream<Arguments> unsafe() {
		return Stream.of(Arguments.of("dot-dot name", archive(file("a/../../evil")), "'..'"),
				Arguments.of("dot-dot that stays inside", archive(file("a/../b")), "'..'"),
				Arguments.of("absolute name", archive(file("/etc/evil")), "absolute"),
				Arguments.of("hard link", archive(special("passwd", TarArchiveEntry.LF_LINK, "/etc/passwd")),
						"no hard links"),
				Arguments.of("device", archive(special("null", TarArchiveEntry.LF_CHR, "")), "devices"),
				Arguments.of("link out of the folder", archive(link("up", "../evil")), "points outside"),
				Arguments.of("absolute link", archive(link("etc", "/etc")), "relative target"),
				Arguments.of("read through a link", archive(link("here", "."), file("here/x")),
						"through a symbolic link"),
				Arguments.of("file twice", archive(file("x"), file("./x")), "appears twice"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unsafe")
	void read_unsafeEntry(String what, String archive, String rule) {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> ScenarioFolder.read(archive, LIMIT, LIMIT))
			.withMessageContaining("the scenario folder is refused")
			.withMessageContaining(rule);
	}

	@Test
	void filesAreKeptByTheirNormalizedPathAndLinksAndFoldersSkipped() {
		ScenarioFolder folder = ScenarioFolder.read(archive(new TarArchiveEntry("./"), new TarArchiveEntry("web/"),
				file("./web/run.sh"), link("web/same.sh", "run.sh"), file("deployment.yaml")), LIMIT, LIMIT);
		assertThat(folder.file("web/run.sh")).hasValueSatisfying(
				(content) -> assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("./web/run.sh"));
		assertThat(folder.file("deployment.yaml")).isPresent();
		assertThat(folder.file("web/same.sh")).isEmpty();
		assertThat(folder.under("")).containsOnlyKeys("web/run.sh", "deployment.yaml");
	}

	@Test
	void read_largerThanTheLimitOnceUnpacked() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> ScenarioFolder.read(archive(file("a-long-enough-name")), LIMIT, 4))
			.withMessageContaining("larger than 4 bytes");
	}

	@Test
	void read_notATarGz() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> ScenarioFolder.read(Base64.getEncoder().encodeToString("plain".getBytes()), LIMIT, LIMIT))
			.withMessageContaining("not a readable tar.gz");
	}

	private static TarArchiveEntry file(String name) {
		TarArchiveEntry entry = new TarArchiveEntry(name, true);
		entry.setSize(name.getBytes(StandardCharsets.UTF_8).length);
		return entry;
	}

	private static TarArchiveEntry link(String name, String target) {
		TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK, true);
		entry.setLinkName(target);
		return entry;
	}

	private static TarArchiveEntry special(String name, byte flag, String linkName) {
		TarArchiveEntry entry = new TarArchiveEntry(name, flag, true);
		entry.setLinkName(linkName);
		return entry;
	}

	private static String archive(TarArchiveEntry... entries) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
			for (TarArchiveEntry entry : entries) {
				tar.putArchiveEntry(entry);
				if (entry.getSize() > 0) {
					tar.write(entry.getName().getBytes(StandardCharsets.UTF_8));
				}
				tar.closeArchiveEntry();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return Base64.getEncoder().encodeToString(bytes.toByteArray());
	}

}
