package io.octoplane.tentacle.file;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.octoplane.protocol.digest.Sha256;
import io.octoplane.protocol.file.FileKind;
import io.octoplane.protocol.file.FileReceiveSpec;
import io.octoplane.protocol.file.TarArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Installing a folder into a folder that nodes share (NFS): each node swaps in its copy
 * whole, and nodes installing at the same instant both succeed, whichever lands last.
 */
class InstallerTests {

	@TempDir
	Path dir;

	@Test
	void nodesInstallingOneFolderIntoASharedFolderAtOnceAllSucceed() throws Exception {
		Path source = Files.createDirectories(this.dir.resolve("source/app"));
		Files.writeString(source.resolve("app.conf"), "port: 8080\n");
		Files.writeString(Files.createDirectories(source.resolve("lib")).resolve("a.jar"), "jar");
		Path archive = this.dir.resolve("app.tar");
		try (OutputStream out = Files.newOutputStream(archive)) {
			TarArchives.pack(source, out);
		}
		FileReceiveSpec spec = new FileReceiveSpec("token", Sha256.of(archive), Files.size(archive), FileKind.DIRECTORY,
				"app", "/shared", true, 0755);
		Path shared = Files.createDirectories(this.dir.resolve("shared"));
		ExecutorService nodes = Executors.newFixedThreadPool(3);
		try {
			// Many rounds, so renames of different nodes interleave in every order.
			for (int round = 0; round < 60; round++) {
				CyclicBarrier together = new CyclicBarrier(3);
				List<Future<Path>> installs = new ArrayList<>();
				for (String node : List.of("fs1", "fs2", "fs3")) {
					Path part = Files.copy(archive, this.dir.resolve("part-" + node + "-" + round));
					installs.add(nodes.submit(() -> {
						together.await(10, TimeUnit.SECONDS);
						return Installer.install(spec, part, shared, node);
					}));
				}
				for (Future<Path> install : installs) {
					assertThat(install.get(30, TimeUnit.SECONDS)).isEqualTo(shared.resolve("app"));
				}
				assertThat(shared.resolve("app/app.conf")).hasContent("port: 8080\n");
				assertThat(shared.resolve("app/lib/a.jar")).hasContent("jar");
				try (var left = Files.list(shared)) {
					assertThat(left.map((path) -> path.getFileName().toString())).containsExactly("app");
				}
			}
		}
		finally {
			nodes.shutdownNow();
		}
	}

}
