package io.octoplane.e2e.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.octoplane.e2e.images.Dockerfile.Instruction;
import io.octoplane.e2e.images.Dockerfile.Stage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules every image in deploy/docker keeps, checked on the Dockerfiles' text because
 * no Docker engine (and no hadolint) runs here: built from source, non-root with a fixed
 * uid, a health check, pinned base images, a heap that follows the memory limit, and COPY
 * sources that exist and that .dockerignore lets through.
 */
class DockerfileRulesTests {

	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	static final Path DOCKER = ROOT.resolve("deploy/docker");

	/** Images that run once and exit: nothing to probe, no heap to size. */
	private static final Set<String> ONE_SHOT = Set.of("Dockerfile.certs");

	private static final Pattern PINNED = Pattern.compile("[^:@]+:\\d+\\.\\d+\\.\\d+[^:]*");

	private static final Pattern MAVEN = Pattern.compile("\\./mvnw -B -ntp -DskipTests -pl ([a-z-]+) -am package");

	private static final Pattern FIXED_USER = Pattern.compile("([1-9]\\d*):([1-9]\\d*)");

	static Stream<Path> dockerfiles() throws IOException {
		try (Stream<Path> files = Files.list(DOCKER)) {
			List<Path> found = files.filter((file) -> file.getFileName().toString().startsWith("Dockerfile"))
				.sorted()
				.toList();
			assertThat(found).isNotEmpty();
			return found.stream();
		}
	}

	@ParameterizedTest
	@MethodSource("dockerfiles")
	void baseImagesArePinnedToAPatchRelease(Path file) throws IOException {
		Dockerfile dockerfile = Dockerfile.read(file);
		List<String> stageNames = new ArrayList<>();
		for (Stage stage : dockerfile.stages()) {
			if (!stageNames.contains(stage.image())) {
				assertThat(stage.image()).as(file + ": FROM " + stage.image()).matches(PINNED).doesNotContain("latest");
			}
			if (stage.name() != null) {
				stageNames.add(stage.name());
			}
		}
	}

	@ParameterizedTest
	@MethodSource("dockerfiles")
	void buildsFromSourceWithACachedMavenRepository(Path file) throws IOException {
		Stage build = Dockerfile.read(file)
			.stage("build")
			.orElseThrow(() -> new AssertionError(file + ": no build stage"));
		assertThat(build.image()).as(file + ": the build stage needs a JDK").contains("-jdk-");
		String run = build.runText();
		assertThat(run).as(file.toString()).contains("--mount=type=cache,target=/root/.m2");
		Matcher maven = MAVEN.matcher(run);
		assertThat(maven.find()).as(file + ": " + run).isTrue();
		assertThat(ROOT.resolve(maven.group(1)).resolve("pom.xml")).as(file + ": module " + maven.group(1)).exists();
	}

	@ParameterizedTest
	@MethodSource("dockerfiles")
	void finalStageRunsAsAFixedNonRootUser(Path file) throws IOException {
		Stage runtime = Dockerfile.read(file).finalStage();
		assertThat(runtime.name()).as(file + ": the runtime stage is the last one").isNull();
		assertThat(runtime.image()).as(file + ": the runtime needs no JDK").contains("-jre-");
		String user = runtime.last("USER")
			.map(Instruction::arguments)
			.orElseThrow(() -> new AssertionError(file + ": no USER in the final stage"));
		Matcher fixed = FIXED_USER.matcher(user);
		assertThat(fixed.matches()).as(file + ": USER " + user + " is not a fixed non-root uid:gid").isTrue();
		assertThat(runtime.runText()).as(file + ": the user is created with that uid and gid")
			.contains("--uid " + fixed.group(1))
			.contains("--gid " + fixed.group(2));
	}

	@ParameterizedTest
	@MethodSource("dockerfiles")
	void runtimeImagesHaveAHealthCheck(Path file) throws IOException {
		Stage runtime = Dockerfile.read(file).finalStage();
		String healthcheck = runtime.last("HEALTHCHECK")
			.map(Instruction::arguments)
			.orElseThrow(() -> new AssertionError(file + ": no HEALTHCHECK in the final stage"));
		if (ONE_SHOT.contains(file.getFileName().toString())) {
			assertThat(healthcheck).isEqualTo("NONE");
		}
		else {
			assertThat(healthcheck).as(file.toString()).matches("(--\\S+ )*CMD \\[.+\\]");
			assertThat(healthcheck).as(file + ": the image has no curl or wget")
				.doesNotContain("curl")
				.doesNotContain("wget");
		}
	}

	@ParameterizedTest
	@MethodSource("dockerfiles")
	void heapFollowsTheMemoryLimit(Path file) throws IOException {
		assertThat(Files.readString(file)).as(file + ": a fixed heap").doesNotContain("-Xmx");
		Stage runtime = Dockerfile.read(file).finalStage();
		String entrypoint = runtime.last("ENTRYPOINT")
			.map(Instruction::arguments)
			.orElseThrow(() -> new AssertionError(file + ": no ENTRYPOINT"));
		assertThat(entrypoint).as(file + ": exec form, so that SIGTERM reaches the JVM").startsWith("[");
		if (!ONE_SHOT.contains(file.getFileName().toString())) {
			assertThat(entrypoint).as(file.toString()).contains("\"-XX:MaxRAMPercentage=");
		}
	}

	@Test
	void tentacleKeepsItsLeanFlags() throws IOException {
		String entrypoint = Dockerfile.read(DOCKER.resolve("Dockerfile.tentacle"))
			.finalStage()
			.last("ENTRYPOINT")
			.orElseThrow()
			.arguments();
		assertThat(entrypoint).contains("\"-XX:+UseSerialGC\"", "\"-XX:TieredStopAtLevel=1\"",
				"\"-XX:CICompilerCount=1\"", "\"-Xms8m\"");
	}

	@ParameterizedTest
	@MethodSource("dockerfiles")
	void copySourcesExist(Path file) throws IOException {
		Dockerfile dockerfile = Dockerfile.read(file);
		List<String> earlier = new ArrayList<>();
		for (Stage stage : dockerfile.stages()) {
			for (Instruction copy : stage.all("COPY")) {
				String from = flag(copy, "--from");
				for (String source : sources(copy)) {
					if (from == null) {
						assertThat(ROOT.resolve(source)).as(file + ": COPY " + source).exists();
					}
					else {
						assertThat(earlier).as(file + ": COPY --from=" + from).contains(from);
						String made = source.replaceAll("^(/[^/]+).*", "$1");
						assertThat(dockerfile.stage(from).orElseThrow().runText())
							.as(file + ": COPY --from=" + from + " " + source + " is made by that stage")
							.contains(made);
					}
				}
			}
			if (stage.name() != null) {
				earlier.add(stage.name());
			}
		}
	}

	@ParameterizedTest
	@MethodSource("dockerfiles")
	void dockerignoreLetsThroughWhatTheBuildCopies(Path file) throws IOException {
		DockerIgnore ignore = DockerIgnore.read(ROOT.resolve(".dockerignore"));
		for (Stage stage : Dockerfile.read(file).stages()) {
			for (Instruction copy : stage.all("COPY")) {
				if (flag(copy, "--from") != null) {
					continue;
				}
				for (String source : sources(copy)) {
					List<String> paths = source.equals(".") ? BuildContext.needed(ROOT) : List.of(source);
					for (String path : paths) {
						assertThat(ignore.excludes(path))
							.as(file + ": COPY " + source + " needs " + path + ", which .dockerignore pattern '"
									+ ignore.decidingPattern(path) + "' leaves out")
							.isFalse();
					}
				}
			}
		}
	}

	@Test
	void dockerignoreKeepsBuildOutputHistoryAndKeysOut() throws IOException {
		DockerIgnore ignore = DockerIgnore.read(ROOT.resolve(".dockerignore"));
		assertThat(List.of("brain/target/octoplane-brain-0.1.0-SNAPSHOT-exec.jar", ".git/HEAD", "run/brain.log",
				"deploy/docker/certs/ca-key.pem", "brain/data/blobs/ab", "clients/python/build/lib/x.py",
				"clients/python/src/octoplane/__pycache__/client.cpython-311.pyc"))
			.allSatisfy((path) -> assertThat(ignore.excludes(path)).as(path).isTrue());
	}

	private static List<String> sources(Instruction copy) {
		List<String> words = copy.words().stream().filter((word) -> !word.startsWith("--")).toList();
		return words.subList(0, words.size() - 1);
	}

	private static @Nullable String flag(Instruction instruction, String name) {
		return instruction.words()
			.stream()
			.filter((word) -> word.startsWith(name + "="))
			.map((word) -> word.substring(name.length() + 1))
			.findFirst()
			.orElse(null);
	}

}
