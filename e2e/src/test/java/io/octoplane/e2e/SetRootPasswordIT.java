package io.octoplane.e2e;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.octoplane.brain.BrainApplication;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.testsupport.process.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The install step of the README run as a process: {@code set-root-password
 * --password-stdin} with only a data folder and a local Redis port, on a brain that
 * starts its own redis-server for it, exits 0 and leaves a password the brain accepts.
 */
class SetRootPasswordIT {

	private static final String PASSWORD = "a root password for the install";

	@TempDir
	Path dir;

	@Test
	void setRootPasswordRunsWithoutAWebServerAndSetsThePassword() throws Exception {
		Path dataDir = this.dir.resolve("data");
		int port = freePort();
		List<String> brainArgs = List.of("--octoplane.brain.data-dir=" + dataDir,
				"--octoplane.redis.local.port=" + port);
		Path log = this.dir.resolve("set-root-password.log");
		Process process = new ProcessBuilder(ChildJvm.command(List.of("-Xmx256m"), BrainApplication.class.getName(),
				concat(List.of("set-root-password", "--password-stdin"), brainArgs)))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			process.getOutputStream().write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
			process.getOutputStream().close();
			assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the command ends").isTrue();
		}
		finally {
			process.destroyForcibly();
		}
		String output = Files.readString(log);
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("the password of workgroup / is set").doesNotContain(PASSWORD);

		try (ConfigurableApplicationContext brain = new SpringApplicationBuilder(BrainApplication.class)
			.web(WebApplicationType.NONE)
			.properties("octoplane.brain.serve=false", "spring.main.banner-mode=off",
					"spring.autoconfigure.exclude=org.springframework.boot.micrometer.metrics.autoconfigure.ssl.SslMetricsAutoConfiguration")
			.run(brainArgs.toArray(String[]::new))) {
			WorkgroupService workgroups = brain.getBean(WorkgroupService.class);
			assertThat(workgroups.verifyPassword(WorkgroupService.ROOT, PASSWORD)).isTrue();
			assertThat(workgroups.verifyPassword(WorkgroupService.ROOT, "something else entirely")).isFalse();
		}
	}

	private static List<String> concat(List<String> first, List<String> second) {
		return Stream.concat(first.stream(), second.stream()).toList();
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
