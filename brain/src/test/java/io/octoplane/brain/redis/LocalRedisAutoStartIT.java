package io.octoplane.brain.redis;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import io.octoplane.brain.BrainApplication;
import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.ports.FreePorts;
import io.octoplane.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A brain with no Redis configured and none answering starts its own redis-server, keeps
 * its data in the brain's data folder, and stops it on shutdown.
 */
class LocalRedisAutoStartIT {

	@Test
	void brainStartsAndStopsItsOwnRedis(@TempDir Path dir) throws Exception {
		CertFixtures certs = CertFixtures.create(dir.resolve("certs"));
		int port = FreePorts.take();
		Path dataDir = dir.resolve("data");
		LocalRedisServer server;
		try (ConfigurableApplicationContext brain = new SpringApplicationBuilder(BrainApplication.class).run(
				"--octoplane.redis.local.port=" + port, "--octoplane.brain.data-dir=" + dataDir,
				"--octoplane.tls.certificate=file:" + certs.brain().certificate(),
				"--octoplane.tls.private-key=file:" + certs.brain().privateKey(),
				"--octoplane.tls.ca=file:" + certs.caCert(), "--server.port=0", "--management.server.port=0",
				"--octoplane.agent.port=0", "--octoplane.agent.address=127.0.0.1")) {
			LocalRedis local = brain.getBean(LocalRedis.class);
			assertThat(local.startedHere()).isTrue();
			assertThat(local.port()).isEqualTo(port);
			StringRedisTemplate redis = brain.getBean(StringRedisTemplate.class);
			redis.opsForValue().set("octoplane:probe", "kept");
			assertThat(redis.opsForValue().get("octoplane:probe")).isEqualTo("kept");
			server = local.server();
			assertThat(server).isNotNull();
			// Any local user can reach the loopback port: without the password, nothing.
			assertThat(firstReplyLine(port, "GET octoplane:probe")).startsWith("-NOAUTH");
			String password = Files.readString(dataDir.resolve("redis/password")).strip();
			assertThat(password).hasSizeGreaterThanOrEqualTo(40);
			assertThat(local.toString()).doesNotContain(password);
			Path cmdline = Path.of("/proc", Long.toString(server.pid()), "cmdline");
			if (Files.exists(cmdline)) {
				assertThat(Files.readString(cmdline)).doesNotContain(password);
			}
			for (String file : List.of("redis/password", "redis/redis.conf")) {
				assertThat(Files.getPosixFilePermissions(dataDir.resolve(file))).as(file)
					.isEqualTo(PosixFilePermissions.fromString("rw-------"));
			}
		}
		assertThat(server.isAlive()).isFalse();
		assertThat(RedisPing.answers("127.0.0.1", port, Duration.ofMillis(300))).isFalse();

		// A restart finds the same password and the data kept in the data folder.
		try (ConfigurableApplicationContext brain = new SpringApplicationBuilder(BrainApplication.class).run(
				"--octoplane.redis.local.port=" + port, "--octoplane.brain.data-dir=" + dataDir,
				"--octoplane.tls.certificate=file:" + certs.brain().certificate(),
				"--octoplane.tls.private-key=file:" + certs.brain().privateKey(),
				"--octoplane.tls.ca=file:" + certs.caCert(), "--server.port=0", "--management.server.port=0",
				"--octoplane.agent.port=0", "--octoplane.agent.address=127.0.0.1")) {
			assertThat(brain.getBean(LocalRedis.class).startedHere()).isTrue();
			assertThat(brain.getBean(StringRedisTemplate.class).opsForValue().get("octoplane:probe")).isEqualTo("kept");
		}
	}

	private static String firstReplyLine(int port, String command) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
			byte[] reply = new byte[128];
			int read = socket.getInputStream().read(reply);
			return (read > 0) ? new String(reply, 0, read, StandardCharsets.US_ASCII) : "";
		}
	}

	@Test
	void brainUsesTheRedisThatAlreadyAnswers(@TempDir Path dir) throws Exception {
		CertFixtures certs = CertFixtures.create(dir.resolve("certs"));
		RedisServerExtension existing = new RedisServerExtension();
		try (ConfigurableApplicationContext brain = new SpringApplicationBuilder(BrainApplication.class).run(
				"--octoplane.redis.local.port=" + existing.port(), "--octoplane.brain.data-dir=" + dir.resolve("data"),
				"--octoplane.tls.certificate=file:" + certs.brain().certificate(),
				"--octoplane.tls.private-key=file:" + certs.brain().privateKey(),
				"--octoplane.tls.ca=file:" + certs.caCert(), "--server.port=0", "--management.server.port=0",
				"--octoplane.agent.port=0", "--octoplane.agent.address=127.0.0.1")) {
			assertThat(brain.getBean(LocalRedis.class).startedHere()).isFalse();
		}
		finally {
			existing.stop();
		}
	}

}
