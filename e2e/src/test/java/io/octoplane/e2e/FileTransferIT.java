package io.octoplane.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import io.octoplane.brain.agent.AgentServer;
import io.octoplane.brain.file.FileProperties;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.certs.PemPair;
import io.octoplane.client.FileApi.StagedFile;
import io.octoplane.client.JobListener;
import io.octoplane.client.OctoplaneApiException;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.e2e.support.InProcessBrainTest;
import io.octoplane.octl.config.OctlConfig;
import io.octoplane.protocol.file.FileKind;
import io.octoplane.tentacle.Tentacle;
import io.octoplane.tentacle.config.BrainAddress;
import io.octoplane.tentacle.config.TentacleConfig;
import io.octoplane.testsupport.octl.OctlRun;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * File distribution with real parts: octl uploads once to a real brain, real tentacles
 * fetch over their own mutual-TLS data connections, and the bytes and permission bits on
 * each node's disk are compared with the originals; downloads, listings, node-to-node
 * copies, refused names and archives, and clear per-node errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FileTransferIT extends InProcessBrainTest {

	@TempDir
	static Path work;

	@LocalServerPort
	int port;

	@Autowired
	AgentServer agentServer;

	@Autowired
	WorkgroupService workgroups;

	@Autowired
	FileProperties files;

	private final List<Tentacle> tentacles = new ArrayList<>();

	private Path octlConfig;

	private Path local;

	@BeforeAll
	void startFleet() throws Exception {
		for (String name : List.of("fs1", "fs2", "fs3")) {
			assertThat(startTentacle(name).awaitConnected(Duration.ofSeconds(20))).as(name + " connected").isTrue();
		}
		PemPair operator = certs.operator("files-operator");
		this.octlConfig = Files.writeString(work.resolve("octl.yaml"),
				"brain: https://127.0.0.1:" + this.port + "\ncert: " + operator.certificate() + "\nkey: "
						+ operator.privateKey() + "\nca: " + certs.caCert() + "\ntimeout: 30s\n");
		this.local = Files.createDirectories(work.resolve("local"));
	}

	@AfterAll
	void stopFleet() {
		this.tentacles.forEach(Tentacle::close);
	}

	@Test
	void fileUploadReachesEveryNodeWithItsBytesAndMode() throws Exception {
		Path file = randomFile(this.local.resolve("tool.bin"), 3 * 1024 * 1024 + 17, "rwxr-x---");
		OctlRun run = octl("file", "upload", "-f", file.toString(), "@workspace/inbox", "fs1", "fs2");
		assertThat(run.exitCode()).as(run.err()).isZero();
		assertThat(run.json().get("success").asInt()).isEqualTo(2);
		assertThat(run.json().get("command").asString()).contains("\"token\":\"(hidden)\"");
		for (String node : List.of("fs1", "fs2")) {
			Path copy = work.resolve(node).resolve("inbox/tool.bin");
			assertThat(Files.mismatch(file, copy)).as(node).isEqualTo(-1);
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rwxr-x---");
			try (Stream<Path> leftovers = Files.list(copy.getParent())) {
				assertThat(leftovers.map((path) -> path.getFileName().toString())).containsExactly("tool.bin");
			}
		}
	}

	@Test
	void nestedFolderUploadKeepsTreeModesAndLinks() throws Exception {
		Path tree = Files.createDirectories(this.local.resolve("app"));
		Files.createDirectories(tree.resolve("bin/deep/er"));
		randomFile(tree.resolve("bin/run.sh"), 1000, "rwxr-xr-x");
		randomFile(tree.resolve("bin/deep/er/data"), 200_000, "rw-------");
		randomFile(tree.resolve("readme"), 10, "rw-r--r--");
		Files.createSymbolicLink(tree.resolve("current"), Path.of("bin/run.sh"));
		Files.setPosixFilePermissions(tree.resolve("bin/deep"), PosixFilePermissions.fromString("rwx------"));
		OctlRun run = octl("file", "upload", "-f", tree.toString(), "@fstore", "fs1", "fs2", "fs3");
		assertThat(run.exitCode()).as(run.err()).isZero();
		for (String node : List.of("fs1", "fs2", "fs3")) {
			assertSameTree(tree, work.resolve(node).resolve("fstore/app"));
		}
		// Again, changed: the folder is replaced as a whole, the stale file is gone.
		Files.delete(tree.resolve("readme"));
		OctlRun again = octl("file", "upload", tree.toString(), "@fstore", "fs1");
		assertThat(again.exitCode()).as(again.err()).isZero();
		assertSameTree(tree, work.resolve("fs1/fstore/app"));
	}

	@Test
	void downloadBringsFileAndFolderBack() throws Exception {
		Path remote = Files.createDirectories(work.resolve("fs3/outbox/logs"));
		randomFile(remote.resolve("a.log"), 500_000, "rw-r-----");
		randomFile(remote.resolve("b.log"), 0, "rw-r--r--");
		Path into = this.local.resolve("downloads");
		OctlRun file = octl("file", "download", "@workspace/outbox/logs/a.log", into.toString(), "fs3");
		assertThat(file.exitCode()).as(file.err()).isZero();
		assertThat(file.json().get("sha256").asString()).hasSize(64);
		assertThat(Files.mismatch(remote.resolve("a.log"), into.resolve("a.log"))).isEqualTo(-1);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(into.resolve("a.log"))))
			.isEqualTo("rw-r-----");
		OctlRun folder = octl("file", "download", remote.toString(), into.toString(), "fs3");
		assertThat(folder.exitCode()).as(folder.err()).isZero();
		assertThat(folder.json().get("kind").asString()).isEqualTo("directory");
		assertSameTree(remote, into.resolve("logs"));
		// The brain's copy, by digest.
		OctlRun blob = octl("file", "download", file.json().get("sha256").asString(),
				this.local.resolve("blob").toString(), "brain");
		assertThat(blob.exitCode()).as(blob.err()).isZero();
		assertThat(Files.mismatch(remote.resolve("a.log"), Path.of(blob.json().get("path").asString()))).isEqualTo(-1);
	}

	@Test
	void downloadResumesAPartialFileAndChecksTheWhole() throws Exception {
		Path remote = randomFile(Files.createDirectories(work.resolve("fs1/resume")).resolve("r.bin"), 300_000,
				"rw-r--r--");
		Path into = Files.createDirectories(this.local.resolve("resume"));
		String sha256 = InProcessOctl
			.run(this.octlConfig, work, "file", "download", remote.toString(), this.local.resolve("first").toString(),
					"fs1")
			.json()
			.get("sha256")
			.asString();
		Path part = into.resolve("." + sha256 + "." + sha256.substring(0, 12) + ".octoplane-part");
		// A wrong prefix: resuming keeps it, so the digest over the whole file must fail.
		Files.write(part, new byte[100_000]);
		OctlRun corrupt = octl("file", "download", sha256, into.toString(), "brain");
		assertThat(corrupt.exitCode()).isEqualTo(1);
		assertThat(corrupt.err()).contains("checksum mismatch");
		assertThat(into.resolve(sha256)).doesNotExist();
		assertThat(part).doesNotExist();
		// The right prefix: only the rest is fetched and the whole file checks out.
		Files.write(part, Arrays.copyOf(Files.readAllBytes(remote), 100_000));
		OctlRun resumed = octl("file", "download", sha256, into.toString(), "brain");
		assertThat(resumed.exitCode()).as(resumed.err()).isZero();
		assertThat(Files.mismatch(remote, into.resolve(sha256))).isEqualTo(-1);
	}

	@Test
	void lsListsAFolderOfANode() throws Exception {
		Path folder = Files.createDirectories(work.resolve("fs2/log"));
		randomFile(folder.resolve("agent.log"), 1234, "rw-r--r--");
		Files.createDirectories(folder.resolve("old"));
		OctlRun run = octl("file", "ls", "@log", "fs2");
		assertThat(run.exitCode()).as(run.err()).isZero();
		JsonNode entries = run.json().get("entries");
		assertThat(entries.get(0).get("name").asString()).isEqualTo("agent.log");
		assertThat(entries.get(0).get("size_bytes").asLong()).isEqualTo(1234);
		assertThat(entries.get(0).get("mode").asString()).isEqualTo("rw-r--r--");
		assertThat(entries.get(1).get("type").asString()).isEqualTo("directory");
		OctlRun missing = octl("file", "ls", "@log/nope", "fs2");
		assertThat(missing.exitCode()).isEqualTo(1);
		assertThat(missing.err()).contains("no such folder");
	}

	@Test
	void octopodaHabitsWithGroupsAndAll() throws Exception {
		this.workgroups.enroll("/fte", "fs1");
		this.workgroups.enroll("/fte", "fs2");
		Path data = randomFile(this.local.resolve("data.csv"), 5000, "rw-r--r--");
		// Relative targets land in @fstore, missing folders are made, as in Octopoda.
		OctlRun upload = octl("file", "upload", data.toString(), "foobar", "@fte");
		assertThat(upload.exitCode()).as(upload.out() + upload.err()).isZero();
		for (String node : List.of("fs1", "fs2")) {
			assertThat(Files.mismatch(data, work.resolve(node).resolve("fstore/foobar/data.csv"))).as(node)
				.isEqualTo(-1);
		}
		assertThat(work.resolve("fs3/fstore/foobar")).doesNotExist();
		// Other tests of this context leave offline nodes behind, which ALL reaches too.
		OctlRun everywhere = octl("file", "upload", data.toString(), "foobar", "ALL");
		assertThat(everywhere.json().get("results").findValuesAsString("name")).contains("fs1", "fs2", "fs3");
		assertThat(work.resolve("fs3/fstore/foobar/data.csv")).exists();

		OctlRun ls = octl("file", "ls", "@fstore", "@fte");
		assertThat(ls.exitCode()).as(ls.err()).isZero();
		assertThat(ls.json()).hasSize(2);
		for (JsonNode node : ls.json()) {
			assertThat(node.get("entries").toString()).contains("\"foobar/data.csv\"");
		}
		OctlRun shallow = octl("file", "ls", "@fstore", "fs1", "--depth", "1");
		assertThat(shallow.json().get("entries").toString()).contains("\"foobar\"").doesNotContain("foobar/");

		Path back = this.local.resolve("back");
		OctlRun download = octl("file", "download", "@fstore/foobar/data.csv", back.toString(), "@fte");
		assertThat(download.exitCode()).as(download.err()).isZero();
		assertThat(Files.mismatch(data, back.resolve("fs1/data.csv"))).isEqualTo(-1);
		assertThat(Files.mismatch(data, back.resolve("fs2/data.csv"))).isEqualTo(-1);

		OctlRun nodes = octl("node", "get", "@fte");
		assertThat(nodes.json().get("nodes").findValuesAsString("name")).containsExactly("fs1", "fs2");
		OctlRun uname = octl("cmd", "run", "uname -a", "@fte");
		assertThat(uname.exitCode()).as(uname.out() + uname.err()).isZero();
		assertThat(uname.json().get("success").asInt()).isEqualTo(2);
		OctlRun empty = octl("node", "get", "@nowhere");
		assertThat(empty.exitCode()).isNotZero();

		OctlRun status = octl("node", "status", "brain", "fs1");
		assertThat(status.exitCode()).as(status.err()).isZero();
		assertThat(status.json().get("nodes").get(0).get("name").asString()).isEqualTo("brain");
	}

	@Test
	void theBrainsFileStoreListsAndDownloadsByPath() throws Exception {
		Path store = this.files.storeDir();
		Path report = randomFile(Files.createDirectories(store.resolve("reports")).resolve("today.csv"), 3000,
				"rw-r--r--");
		OctlRun ls = octl("file", "ls", "/", "brain");
		assertThat(ls.exitCode()).as(ls.err()).isZero();
		assertThat(ls.json().get("entries").toString()).contains("\"reports/today.csv\"");
		Path into = this.local.resolve("from-brain");
		OctlRun download = octl("file", "download", "reports/today.csv", into.toString(), "brain");
		assertThat(download.exitCode()).as(download.err()).isZero();
		assertThat(Files.mismatch(report, into.resolve("today.csv"))).isEqualTo(-1);
		OctlRun folder = octl("file", "download", "@fstore/reports", this.local.resolve("folder").toString(), "brain");
		assertThat(folder.exitCode()).as(folder.err()).isZero();
		assertThat(folder.json().get("kind").asString()).isEqualTo("directory");
		assertSameTree(store.resolve("reports"), this.local.resolve("folder/reports"));
		OctlRun escape = octl("file", "download", "../../etc/passwd", into.toString(), "brain");
		assertThat(escape.exitCode()).isEqualTo(2);
		assertThat(escape.err()).contains("leaves the brain's file store");
	}

	@Test
	void uploadIntoAFolderTheNodesShareInstallsOnEveryNode() throws Exception {
		Path shared = Files.createDirectories(work.resolve("shared-mount"));
		Path file = randomFile(this.local.resolve("app.jar"), 2 * 1024 * 1024 + 5, "rw-r--r--");
		for (int round = 1; round <= 2; round++) {
			// The second round installs identical content over the first.
			OctlRun run = octl("file", "upload", "-f", file.toString(), shared.toString(), "fs1", "fs2", "fs3");
			assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
			assertThat(run.json().get("success").asInt()).isEqualTo(3);
			assertThat(Files.mismatch(file, shared.resolve("app.jar"))).isEqualTo(-1);
		}
		Path tree = Files.createDirectories(this.local.resolve("shared-app/bin"));
		randomFile(tree.resolve("run.sh"), 300_000, "rwxr-xr-x");
		for (int round = 1; round <= 2; round++) {
			OctlRun run = octl("file", "upload", tree.getParent().toString(), shared.toString(), "fs1", "fs2", "fs3");
			assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
			assertSameTree(tree.getParent(), shared.resolve("shared-app"));
		}
		try (Stream<Path> leftovers = Files.list(shared)) {
			assertThat(leftovers.map((path) -> path.getFileName().toString())).containsExactlyInAnyOrder("app.jar",
					"shared-app");
		}
	}

	@Test
	void aliasFoldersExistOnAFreshNodeSoTheReadmeCopyWorks() throws Exception {
		for (String name : List.of("fresh1", "fresh2")) {
			assertThat(startTentacle(name).awaitConnected(Duration.ofSeconds(20))).as(name + " connected").isTrue();
			for (String folder : List.of("log", "fstore", "pakma")) {
				assertThat(work.resolve(name).resolve(folder)).as(name + " " + folder).isDirectory();
			}
		}
		Path model = randomFile(work.resolve("fresh1/fstore/model.bin"), 100_000, "rw-r--r--");
		OctlRun run = octl("file", "copy", "fresh1:@fstore/model.bin", "fresh2:@fstore");
		assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
		assertThat(Files.mismatch(model, work.resolve("fresh2/fstore/model.bin"))).isEqualTo(-1);
	}

	@Test
	void copyGoesFromNodeToNode() throws Exception {
		Path source = randomFile(Files.createDirectories(work.resolve("fs1/share")).resolve("model.dat"), 700_000,
				"rw-rw----");
		OctlRun run = octl("file", "copy", "-f", "fs1:@workspace/share/model.dat", "fs2:@workspace/received");
		assertThat(run.exitCode()).as(run.err()).isZero();
		Path copy = work.resolve("fs2/received/model.dat");
		assertThat(Files.mismatch(source, copy)).isEqualTo(-1);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-rw----");
	}

	@Test
	void missingOrUnwritableTargetGivesAClearPerNodeError() throws Exception {
		Path file = randomFile(this.local.resolve("conf.txt"), 100, "rw-r--r--");
		OctlRun missing = octl("file", "upload", "--no-create", file.toString(), "@workspace/not-there", "fs1");
		assertThat(missing.exitCode()).isEqualTo(1);
		JsonNode result = missing.json().get("results").get(0);
		assertThat(result.get("state").asString()).isEqualTo("failed");
		assertThat(result.get("error").asString()).contains("does not exist").contains("--no-create");
		assertThat(work.resolve("fs1/not-there")).doesNotExist();

		OctlRun unwritable = octl("file", "upload", "-f", file.toString(), "/proc/octoplane-files", "fs1");
		assertThat(unwritable.exitCode()).isEqualTo(1);
		assertThat(unwritable.json().get("results").get(0).get("error").asString())
			.contains("cannot create target folder /proc/octoplane-files");

		Files.writeString(work.resolve("fs1/plainfile"), "x");
		OctlRun notFolder = octl("file", "upload", "-f", file.toString(), "@workspace/plainfile", "fs1");
		assertThat(notFolder.exitCode()).isEqualTo(1);
		assertThat(notFolder.json().get("results").get(0).get("error").asString()).contains("is not a folder");
	}

	@Test
	void fullDiskGivesAClearPerNodeErrorAndLeavesNoFile() throws Exception {
		Path small = Files.createDirectories(work.resolve("fs2/small"));
		Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString())
			.redirectErrorStream(true)
			.start();
		assumeTrue(mount.waitFor() == 0, "needs permission to mount a small tmpfs to fill a disk");
		try {
			Path file = randomFile(this.local.resolve("too-big.bin"), 3 * 1024 * 1024, "rw-r--r--");
			OctlRun run = octl("file", "upload", file.toString(), small.toString(), "fs2");
			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(run.json().get("results").get(0).get("error").asString()).contains("No space left on device");
			assertThat(small.resolve("too-big.bin")).doesNotExist();
		}
		finally {
			new ProcessBuilder("umount", small.toString()).start().waitFor();
		}
	}

	@Test
	void namesThatEscapeAreRefusedByTheBrain() throws Exception {
		Path file = randomFile(this.local.resolve("plain"), 10, "rw-r--r--");
		var client = client();
		var staged = client.files().stage(file, (done) -> {
		});
		for (String name : List.of("..", "../evil", "a/b", "")) {
			var bad = new StagedFile(staged.blob(), FileKind.FILE, name, 0644);
			assertThat(catchThrowable(() -> client.files()
				.install(bad, "@workspace", List.of("fs1"), true, Duration.ofMinutes(1), Duration.ZERO))).as(name)
				.isInstanceOfSatisfying(OctoplaneApiException.class,
						(ex) -> assertThat(ex.httpStatus()).isEqualTo(400));
		}
	}

	@Test
	void archivesThatEscapeAreRefusedOnTheNode() throws Exception {
		List<List<String[]>> attacks = List.of(List.<String[]>of(new String[] { "file", "../escaped" }),
				List.<String[]>of(new String[] { "file", "/tmp/octoplane-absolute" }),
				List.<String[]>of(new String[] { "link", "out", "../../.." }, new String[] { "file", "out/escaped" }),
				List.<String[]>of(new String[] { "link", "abs", "/etc" }),
				List.<String[]>of(new String[] { "link", "here", "." }, new String[] { "file", "here/x" }),
				List.<String[]>of(new String[] { "hardlink", "hl", "/etc/passwd" }));
		int index = 0;
		for (List<String[]> attack : attacks) {
			Path tar = this.local.resolve("attack-" + index + ".tar");
			writeTar(tar, attack);
			var client = client();
			var staged = client.files().stage(tar, (done) -> {
			});
			var evil = new StagedFile(staged.blob(), FileKind.DIRECTORY, "evil" + index, 0755);
			var job = client.files()
				.install(evil, "@workspace/attacks", List.of("fs3"), true, Duration.ofMinutes(1), Duration.ZERO);
			var done = client.jobs().await(job.id(), Duration.ofMinutes(1), new JobListener() {
			});
			var result = done.results().get(0);
			assertThat(result.state()).as(attack.get(0)[1]).isEqualTo("failed");
			assertThat(result.error()).contains("unsafe archive entry");
			try (Stream<Path> left = Files.list(work.resolve("fs3/attacks"))) {
				assertThat(left).as("nothing left behind").isEmpty();
			}
			index++;
		}
		assertThat(work.resolve("fs3/escaped")).doesNotExist();
		assertThat(work.resolve("escaped")).doesNotExist();
		assertThat(Path.of("/tmp/octoplane-absolute")).doesNotExist();
	}

	@Test
	void unknownAndOfflineNodesGetAnHonestResult() throws Exception {
		Tentacle gone = startTentacle("fs-gone");
		assertThat(gone.awaitConnected(Duration.ofSeconds(20))).isTrue();
		gone.close();
		Path file = randomFile(this.local.resolve("note"), 10, "rw-r--r--");
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			OctlRun run = octl("file", "upload", file.toString(), "@workspace", "fs-gone", "no-such-node", "fs1");
			assertThat(run.exitCode()).isEqualTo(1);
			JsonNode results = run.json().get("results");
			assertThat(results.get(0).get("state").asString()).isEqualTo("expired");
			assertThat(results.get(1).get("state").asString()).isEqualTo("rejected");
			assertThat(results.get(1).get("error").asString()).isEqualTo("no such node");
			assertThat(results.get(2).get("state").asString()).isEqualTo("succeeded");
		});
	}

	private void writeTar(Path tar, List<String[]> entries) throws IOException {
		try (OutputStream out = Files.newOutputStream(tar);
				TarArchiveOutputStream stream = new TarArchiveOutputStream(out)) {
			for (String[] spec : entries) {
				TarArchiveEntry entry;
				switch (spec[0]) {
					case "link" -> {
						entry = new TarArchiveEntry(spec[1], TarArchiveEntry.LF_SYMLINK);
						entry.setLinkName(spec[2]);
					}
					case "hardlink" -> {
						entry = new TarArchiveEntry(spec[1], TarArchiveEntry.LF_LINK);
						entry.setLinkName(spec[2]);
					}
					default -> {
						entry = new TarArchiveEntry(spec[1], true);
						entry.setSize(5);
					}
				}
				stream.putArchiveEntry(entry);
				if (spec[0].equals("file")) {
					stream.write("evil\n".getBytes(StandardCharsets.UTF_8));
				}
				stream.closeArchiveEntry();
			}
		}
	}

	private static void assertSameTree(Path expected, Path actual) throws IOException {
		List<String> expectedPaths;
		try (Stream<Path> walk = Files.walk(expected)) {
			expectedPaths = walk.map((path) -> expected.relativize(path).toString()).sorted().toList();
		}
		try (Stream<Path> walk = Files.walk(actual)) {
			assertThat(walk.map((path) -> actual.relativize(path).toString()).sorted().toList())
				.isEqualTo(expectedPaths);
		}
		for (String relative : expectedPaths) {
			Path want = expected.resolve(relative);
			Path got = actual.resolve(relative);
			if (Files.isSymbolicLink(want)) {
				assertThat(Files.readSymbolicLink(got)).isEqualTo(Files.readSymbolicLink(want));
				continue;
			}
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(got, LinkOption.NOFOLLOW_LINKS)))
				.as(relative)
				.isEqualTo(
						PosixFilePermissions.toString(Files.getPosixFilePermissions(want, LinkOption.NOFOLLOW_LINKS)));
			if (Files.isRegularFile(want)) {
				assertThat(Files.mismatch(want, got)).as(relative).isEqualTo(-1);
			}
		}
	}

	static Path randomFile(Path path, int size, String mode) throws IOException {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		Files.write(path, bytes);
		Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
		return path;
	}

	private OctoplaneClient client() {
		return OctlConfig.load(this.octlConfig, Map.of(), work, (warning) -> {
		}).client();
	}

	private Tentacle startTentacle(String name) throws Exception {
		PemPair pair = certs.node(name);
		TentacleConfig config = TentacleConfig
			.of(new BrainAddress("localhost", this.agentServer.port()), pair.certificate(), pair.privateKey(),
					certs.caCert(), work.resolve(name))
			.withTimings(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));
		Tentacle tentacle = new Tentacle(config, Clock.systemUTC());
		this.tentacles.add(tentacle);
		tentacle.start();
		return tentacle;
	}

	private OctlRun octl(String... args) {
		return InProcessOctl.run(this.octlConfig, work, args);
	}

}
