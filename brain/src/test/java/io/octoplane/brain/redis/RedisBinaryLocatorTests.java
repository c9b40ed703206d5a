package io.octoplane.brain.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedisBinaryLocatorTests {

	private static final RedisBinaryLocator.Bundled NOT_WANTED = () -> {
		throw new AssertionError("the bundled redis-server must not be extracted");
	};

	@TempDir
	Path dir;

	private final Logger logger = (Logger) LoggerFactory.getLogger(RedisBinaryLocator.class);

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	@BeforeEach
	void captureLog() {
		this.log.start();
		this.logger.addAppender(this.log);
	}

	@AfterEach
	void releaseLog() {
		this.logger.detachAppender(this.log);
	}

	@Test
	void configuredBinaryWinsOverAnInstalledOne() throws IOException {
		Path installed = executable(this.dir.resolve("bin"), "redis-server");
		Path configured = this.dir.resolve("custom/redis-server");
		RedisBinary binary = new RedisBinaryLocator(List.of(installed.getParent()), NOT_WANTED)
			.locate(Optional.of(configured));
		assertThat(binary).isEqualTo(new RedisBinary(configured, RedisBinary.Source.CONFIGURED));
		assertThat(this.log.list).isEmpty();
	}

	@Test
	void installedRedisWinsOverTheBundledOneWithoutWarning() throws IOException {
		Path installed = executable(this.dir.resolve("usr/bin"), "redis-server");
		RedisBinary binary = new RedisBinaryLocator(List.of(this.dir.resolve("empty"), installed.getParent()),
				NOT_WANTED)
			.locate(Optional.empty());
		assertThat(binary).isEqualTo(new RedisBinary(installed, RedisBinary.Source.SYSTEM));
		assertThat(this.log.list).isEmpty();
	}

	@Test
	void firstFolderOnTheSearchPathWins() throws IOException {
		Path first = executable(this.dir.resolve("a"), "redis-server");
		executable(this.dir.resolve("b"), "redis-server");
		RedisBinary binary = new RedisBinaryLocator(List.of(first.getParent(), this.dir.resolve("b")), NOT_WANTED)
			.locate(Optional.empty());
		assertThat(binary.path()).isEqualTo(first);
	}

	@Test
	void fileThatCannotBeExecutedIsNotAnInstalledRedis() throws IOException {
		Path plain = this.dir.resolve("bin/redis-server");
		Files.createDirectories(plain.getParent());
		Files.writeString(plain, "not a program");
		Path bundled = executable(this.dir.resolve("tmp"), "redis-server-6.2.6-v5-linux-amd64");
		RedisBinary binary = new RedisBinaryLocator(List.of(plain.getParent()), () -> bundled).locate(Optional.empty());
		assertThat(binary.source()).isEqualTo(RedisBinary.Source.BUNDLED);
	}

	@Test
	void bundledRedisIsTheFallbackAndWarnsWithItsVersionAndTheWayToARealRedis() throws IOException {
		Path bundled = executable(this.dir.resolve("tmp"), "redis-server-6.2.6-v5-linux-amd64",
				"echo 'Redis server v=6.2.11 sha=00000000:0 malloc=jemalloc-5.1.0 bits=64'");
		RedisBinary binary = new RedisBinaryLocator(List.of(this.dir.resolve("empty")), () -> bundled)
			.locate(Optional.empty());
		assertThat(binary).isEqualTo(new RedisBinary(bundled, RedisBinary.Source.BUNDLED));
		assertThat(this.log.list).singleElement().satisfies((event) -> {
			assertThat(event.getLevel()).isEqualTo(Level.WARN);
			assertThat(event.getFormattedMessage()).contains("Redis 6.2.11 bundled")
				.contains("end of life")
				.contains("apt-get install redis-server")
				.contains("spring.data.redis.host");
		});
	}

	@Test
	void bundledRedisMissingForThisPlatformFailsWithAdviceToInstallOne() {
		RedisBinaryLocator locator = new RedisBinaryLocator(List.of(this.dir.resolve("empty")), () -> {
			throw new IOException("no bundled redis-server for this OS/architecture");
		});
		assertThatExceptionOfType(LocalRedisStartException.class).isThrownBy(() -> locator.locate(Optional.empty()))
			.withMessageContaining("install Redis");
	}

	@Test
	void versionComesFromTheBinaryElseFromItsFileName() throws IOException {
		Path reporting = executable(this.dir.resolve("a"), "redis-server-6.2.6-v5-linux-amd64",
				"echo 'Redis server v=6.2.11 sha=00000000:0'");
		Path silent = executable(this.dir.resolve("b"), "redis-server-6.2.7-linux-arm64", "exit 1");
		assertThat(RedisBinaryLocator.versionOf(reporting)).isEqualTo("6.2.11");
		assertThat(RedisBinaryLocator.versionOf(silent)).isEqualTo("6.2.7");
		assertThat(RedisBinaryLocator.versionOf(this.dir.resolve("redis-server"))).isEqualTo("of unknown version");
	}

	@Test
	void everyBundledBinaryNameCarriesAVersionToFallBackOn() {
		assertThat(ExecutableProvider.newProvidedVersionsMap().values()).allSatisfy(
				(resource) -> assertThat(RedisBinaryLocator.versionOf(Path.of(resource))).matches("\\d+(\\.\\d+)+"));
	}

	private static Path executable(Path folder, String name) throws IOException {
		return executable(folder, name, "exit 0");
	}

	private static Path executable(Path folder, String name, String script) throws IOException {
		Files.createDirectories(folder);
		Path file = folder.resolve(name);
		Files.writeString(file, "#!/bin/sh\n" + script + "\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
		return file;
	}

}
