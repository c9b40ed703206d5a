package io.octoplane.e2e.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.process.BrainProcess;

/** A real nameserver as a child JVM, with the test PKI and Redis and a release key. */
public final class NameserverProcess {

	private NameserverProcess() {
	}

	/**
	 * Starts a nameserver; it is not ready yet, so that a test may start a brain while it
	 * starts and then wait for both ({@link BrainProcess#awaitReady(Duration)}).
	 * @param certs the test PKI
	 * @param redisPort the test Redis
	 * @param port the API port
	 * @param managementPort the actuator port
	 * @param dataDir where it stores releases
	 * @param releasePublicKey the key releases must be signed with
	 * @param log its log file
	 * @return the starting nameserver
	 */
	public static BrainProcess start(CertFixtures certs, int redisPort, int port, int managementPort, Path dataDir,
			Path releasePublicKey, Path log) {
		return BrainProcess.startServer("io.octoplane.nameserver.NameserverApplication",
				List.of("--server.port=" + port, "--management.server.port=" + managementPort,
						"--octoplane.tls.certificate=file:" + certs.nameserver().certificate().toAbsolutePath(),
						"--octoplane.tls.private-key=file:" + certs.nameserver().privateKey().toAbsolutePath(),
						"--octoplane.tls.ca=file:" + certs.caCert().toAbsolutePath(),
						"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
						"--octoplane.nameserver.data-dir=" + dataDir,
						"--octoplane.nameserver.release-public-key=" + releasePublicKey),
				log, managementPort);
	}

}
