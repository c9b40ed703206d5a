package io.octoplane.tentacle.connection;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.IssueRequest;
import io.octoplane.certs.PemFiles;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.agent.AgentMessage;
import io.octoplane.protocol.agent.Heartbeat;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.tentacle.Tentacle;
import io.octoplane.tentacle.TentacleState;
import io.octoplane.tentacle.config.BrainAddress;
import io.octoplane.tentacle.config.TentacleConfig;
import io.octoplane.testsupport.certs.CertFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CertificateRenewalIT {

	// The tentacle calls a link dead after three silent intervals. These tests check
	// that a renewal keeps its link, so the interval leaves room for the pauses of a
	// loaded machine (at 100 ms, a 300 ms window, links dropped there).
	private static final long INTERVAL_MILLIS = 500;

	private static final Duration WAIT = Duration.ofSeconds(10);

	@TempDir
	static Path certs;

	private static CertFixtures fixtures;

	@TempDir
	Path dir;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@BeforeAll
	static void mintCertificates() {
		fixtures = CertFixtures.create(certs);
	}

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : this.closeables.reversed()) {
			closeable.close();
		}
	}

	private FakeBrain brain() throws Exception {
		PemPair server = fixtures.brain();
		FakeBrain brain = new FakeBrain(
				PemTls.serverContext(server.certificate(), server.privateKey(), fixtures.caCert()), INTERVAL_MILLIS);
		this.closeables.add(brain);
		return brain;
	}

	/** A node pair of its own, valid from an hour ago for {@code remaining} more. */
	private PemPair pair(String name, Duration remaining) throws Exception {
		Instant now = Instant.now();
		return fixtures.ca()
			.issue(IssueRequest.of(CertificateRole.NODE, name, Duration.ofDays(1), Clock.systemUTC())
				.withValidity(now.minus(Duration.ofHours(1)), now.plus(remaining)))
			.writeTo(this.dir.resolve("node.pem"), this.dir.resolve("node-key.pem"), false);
	}

	private Tentacle tentacle(FakeBrain brain, PemPair pair) {
		TentacleConfig config = TentacleConfig
			.of(new BrainAddress("127.0.0.1", brain.port()), pair.certificate(), pair.privateKey(), fixtures.caCert(),
					this.dir.resolve("ws"))
			.withTimings(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2));
		Tentacle tentacle = new Tentacle(config, Clock.systemUTC());
		this.closeables.add(tentacle);
		tentacle.start();
		return tentacle;
	}

	private static BigInteger serial(Path certificate) throws Exception {
		return PemFiles.readCertificate(certificate).getSerialNumber();
	}

	// Waits for the tentacle to send that many messages of a type: the assertions after
	// it hold "several heartbeats later" however slowly a loaded machine runs them.
	private static void awaitMessages(FakeBrain brain, Class<? extends AgentMessage> type, int count)
			throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		int seen = 0;
		while (seen < count) {
			long left = deadline - System.nanoTime();
			assertThat(left).as("%s %s messages within %s", count, type.getSimpleName(), WAIT).isPositive();
			if (type.isInstance(brain.received.poll(left, TimeUnit.NANOSECONDS))) {
				seen++;
			}
		}
	}

	@Test
	void renewsACertificateCloseToExpiryAndDialsWithTheNewOne() throws Exception {
		FakeBrain brain = brain();
		brain.renewer = fixtures.ca();
		PemPair pair = pair("pi5", Duration.ofMinutes(10));
		BigInteger oldSerial = serial(pair.certificate());
		Tentacle tentacle = tentacle(brain, pair);
		assertThat(tentacle.awaitConnected(WAIT)).isTrue();
		// The tentacle saves the files before it switches to the new certificate, so
		// once it has switched, the files hold it too.
		await().atMost(WAIT).until(() -> !tentacle.certificate().getSerialNumber().equals(oldSerial));
		X509Certificate renewed = PemFiles.readCertificate(pair.certificate());
		assertThat(CertificateRole.commonName(renewed)).isEqualTo("pi5");
		PemFiles.readPrivateKeyFor(pair.privateKey(), renewed);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pair.privateKey())))
			.isEqualTo("rw-------");
		try (var listing = Files.list(this.dir)) {
			assertThat(listing.map((path) -> path.getFileName().toString())).containsExactlyInAnyOrder("node.pem",
					"node-key.pem", "ws");
		}
		assertThat(tentacle.certificate()).isEqualTo(renewed);
		// The connection the renewal ran on stays up.
		assertThat(brain.handshakes.get()).isOne();
		assertThat(tentacle.state()).isEqualTo(TentacleState.CONNECTED);
		brain.dropConnection();
		await().atMost(WAIT).until(() -> brain.handshakes.get() == 2);
		assertThat(brain.peerSerials).containsExactly(oldSerial, renewed.getSerialNumber());
		// The new certificate is far from expiry: no further request.
		brain.received.clear();
		awaitMessages(brain, Heartbeat.class, 2);
		assertThat(brain.renewalRequests.get()).isOne();
	}

	@Test
	void refusedRenewalIsAskedOncePerConnection() throws Exception {
		FakeBrain brain = brain();
		brain.renewalError = "the brain holds no CA key";
		PemPair pair = pair("pi6", Duration.ofMinutes(10));
		BigInteger oldSerial = serial(pair.certificate());
		Tentacle tentacle = tentacle(brain, pair);
		assertThat(tentacle.awaitConnected(WAIT)).isTrue();
		await().atMost(WAIT).until(() -> brain.renewalRequests.get() == 1);
		// Several heartbeats later still one request on this connection.
		awaitMessages(brain, Heartbeat.class, 2);
		assertThat(brain.renewalRequests.get()).isOne();
		assertThat(tentacle.state()).isEqualTo(TentacleState.CONNECTED);
		assertThat(serial(pair.certificate())).isEqualTo(oldSerial);
		brain.renewalError = null;
		brain.renewer = fixtures.ca();
		brain.dropConnection();
		await().atMost(WAIT).until(() -> brain.renewalRequests.get() == 2);
		await().atMost(WAIT).until(() -> !serial(pair.certificate()).equals(oldSerial));
	}

	@Test
	void certificateFarFromExpiryIsNotRenewed() throws Exception {
		FakeBrain brain = brain();
		brain.renewer = fixtures.ca();
		PemPair pair = pair("pi7", Duration.ofDays(6));
		Tentacle tentacle = tentacle(brain, pair);
		assertThat(tentacle.awaitConnected(WAIT)).isTrue();
		awaitMessages(brain, Heartbeat.class, 2);
		assertThat(brain.renewalRequests.get()).isZero();
	}

}
