package io.octoplane.octl.scen;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlFixture;
import io.octoplane.testsupport.octl.OctlRun;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ScenRepoCommandTests {

	@TempDir
	Path dir;

	private OctlFixture octl;

	private Path remotes;

	private Path config;

	@BeforeEach
	void writeConfig() throws IOException {
		this.octl = OctlFixture.create(this.dir);
		this.remotes = Files.createDirectories(this.dir.resolve("remotes"));
		this.config = this.octl.writeConfig(URI.create("https://127.0.0.1:9"));
		Files.writeString(this.config, "scenarioRemote: " + this.remotes + "\n", StandardOpenOption.APPEND);
	}

	@Test
	void firstPushToALocalFolderCreatesTheBareRepository() throws Exception {
		Path folder = scenario("hello");
		OctlRun push = this.octl.run(this.config, "scen", "repo", "push", "hello", "--dir", folder.toString());
		assertThat(push.exitCode()).as(push.err()).isZero();
		assertThat(push.err()).contains("created bare repository " + this.remotes.resolve("hello.git"));
		try (Repository bare = Git.open(this.remotes.resolve("hello.git").toFile()).getRepository()) {
			assertThat(bare.isBare()).isTrue();
			assertThat(bare.exactRef(Constants.HEAD).getTarget().getName()).isEqualTo("refs/heads/main");
		}
		Path copy = this.dir.resolve("copy");
		OctlRun clone = this.octl.run(this.config, "scen", "repo", "clone", "hello", "--dir", copy.toString());
		assertThat(clone.exitCode()).as(clone.err()).isZero();
		assertThat(copy.resolve("deployment.yaml")).hasSameTextualContentAs(folder.resolve("deployment.yaml"));
	}

	@Test
	void cloneTakesThePushedBranchWhenTheRemoteHeadNamesAnother() throws Exception {
		// What 'git init --bare' makes with git's default initial branch: HEAD -> master.
		Git.init()
			.setBare(true)
			.setGitDir(this.remotes.resolve("hello.git").toFile())
			.setInitialBranch("master")
			.call()
			.close();
		Path folder = scenario("hello");
		OctlRun push = this.octl.run(this.config, "scen", "repo", "push", "hello", "--dir", folder.toString());
		assertThat(push.exitCode()).as(push.err()).isZero();
		assertThat(push.err()).doesNotContain("created");
		Path copy = this.dir.resolve("copy");
		OctlRun clone = this.octl.run(this.config, "scen", "repo", "clone", "hello", "--dir", copy.toString());
		assertThat(clone.exitCode()).as(clone.err()).isZero();
		assertThat(copy.resolve("deployment.yaml")).exists();
		try (Git git = Git.open(copy.toFile())) {
			assertThat(git.getRepository().getBranch()).isEqualTo("main");
		}
	}

	@Test
	void pushToAMissingRemoteFolderSaysWhichFolderIsMissing() throws Exception {
		Path gone = this.dir.resolve("nowhere");
		Files.writeString(this.config, "scenarioRemote: " + gone + "\n", StandardOpenOption.APPEND);
		Path folder = scenario("hello");
		OctlRun push = this.octl.run(this.config, "scen", "repo", "push", "hello", "--dir", folder.toString());
		assertThat(push.exitCode()).isEqualTo(2);
		assertThat(push.err()).contains("the scenarioRemote folder " + gone + " does not exist");
	}

	@Test
	void cloneOfAMissingRepositorySaysToPushFirst() {
		OctlRun clone = this.octl.run(this.config, "scen", "repo", "clone", "hello", "--dir",
				this.dir.resolve("copy").toString());
		assertThat(clone.exitCode()).isEqualTo(3);
		assertThat(clone.err()).contains(this.remotes.resolve("hello.git") + " does not exist",
				"octl scen repo push hello");
	}

	@Test
	void cloneOfAnEmptyRepositorySaysToPushFirst() throws Exception {
		Git.init().setBare(true).setGitDir(this.remotes.resolve("hello.git").toFile()).call().close();
		OctlRun clone = this.octl.run(this.config, "scen", "repo", "clone", "hello", "--dir",
				this.dir.resolve("copy").toString());
		assertThat(clone.exitCode()).isEqualTo(3);
		assertThat(clone.err()).contains("has no branch yet");
	}

	@Test
	void missingRemoteOnAServerSaysHowToCreateIt() {
		ScenarioRemote remote = new ScenarioRemote("ssh://git.example.com/scenarios/hello.git", "hello");
		assertThat(remote.localPath()).isEmpty();
		assertThat(remote.missingForPush()).isEqualTo("ssh://git.example.com/scenarios/hello.git does not exist: "
				+ "create an empty bare repository hello.git on the git server (for example "
				+ "'git init --bare hello.git'), then push again");
		assertThat(new ScenarioRemote("git@git.example.com:scenarios/hello.git", "hello").localPath()).isEmpty();
		assertThat(new ScenarioRemote("file:///srv/scenarios/hello.git", "hello").localPath())
			.contains(Path.of("/srv/scenarios/hello.git"));
	}

	@Test
	void scenCommandsPrintNoSlf4jWarnings() throws Exception {
		// SLF4J warns once per JVM, on JGit's first log call: only a fresh octl process
		// shows what an operator sees.
		Path err = this.dir.resolve("stderr.txt");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), Octl.class.getName(), "--config", this.config.toString(), "scen",
				"repo", "clone", "hello", "--dir", this.dir.resolve("copy").toString())
			.redirectOutput(this.dir.resolve("stdout.txt").toFile())
			.redirectError(err.toFile())
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isEqualTo(3);
		assertThat(Files.readString(err)).contains("does not exist").doesNotContain("SLF4J");
	}

	private Path scenario(String name) throws IOException {
		Path folder = Files.createDirectories(this.dir.resolve("work").resolve(name));
		Files.writeString(folder.resolve("deployment.yaml"), "name: " + name + "\n");
		return folder;
	}

}
