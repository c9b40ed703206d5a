package io.octoplane.octl.scen;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioPackerTests {

	@TempDir
	Path folder;

	@Test
	void gitignoreAtEveryLevelIsHonoured() throws IOException {
		write("deployment.yaml", "name: x");
		write(".gitignore", "*.log\nbuild/\n");
		write("app/src/.gitignore", "*.tmp\n!keep.tmp\n");
		write("app/src/main.c", "int main;");
		write("app/src/scratch.tmp", "x");
		write("app/src/keep.tmp", "x");
		write("app/src/run.log", "x");
		write("build/out.bin", "x");
		write(".git/config", "x");
		ByteArrayOutputStream packed = new ByteArrayOutputStream();
		ScenarioPacker.pack(this.folder, packed);
		assertThat(entries(packed.toByteArray())).containsExactlyInAnyOrder("deployment.yaml", ".gitignore",
				"app/src/.gitignore", "app/src/main.c", "app/src/keep.tmp");
	}

	private void write(String file, String content) throws IOException {
		Path path = this.folder.resolve(file);
		Files.createDirectories(path.getParent());
		Files.writeString(path, content);
	}

	private static List<String> entries(byte[] archive) throws IOException {
		List<String> names = new ArrayList<>();
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new GZIPInputStream(new ByteArrayInputStream(archive)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				names.add(entry.getName());
			}
		}
		return names;
	}

}
