package io.octoplane.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.octoplane.certs.PemPair;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.client.TunnelConnection;
import io.octoplane.e2e.support.BrainSet;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.testsupport.brain.BrainTestSupport;
import io.octoplane.testsupport.certs.CertFixtures;
import io.octoplane.testsupport.link.FaultyLink;
import io.octoplane.testsupport.process.BrainArgs;
import io.octoplane.testsupport.redis.RedisServerExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tunnel throughput, direct against relayed, side by side in one run (a measurement, not
 * a test: it runs only with {@code -Doctoplane.bench.tunnel=true} and asserts only that
 * every byte arrived). Three brains on one Redis, a tentacle held by brain a; a service
 * on loopback sends {@code octoplane.bench.tunnel.mib} MiB (default 256) through a tunnel
 * read by the SDK: opened through a (direct), through b with the node's data connection
 * on a (one relay), and through b with it on c (the data connection relayed from c).
 */
@EnabledIfSystemProperty(named = "octoplane.bench.tunnel", matches = "true")
class TunnelThroughputIT {

	@RegisterExtension
	@Order(1)
	static final RedisServerExtension redis = new RedisServerExtension();

	static final CertFixtures certs = BrainTestSupport.certificates();

	@RegisterExtension
	@Order(2)
	static final BrainSet brains = BrainSet.of((dataDir) -> BrainArgs.withFreePorts(certs, redis.port(), dataDir),
			"brain-a", "brain-b", "brain-c");

	@TempDir
	Path work;

	@Test
	void measure() throws Exception {
		long bytes = Long.getLong("octoplane.bench.tunnel.mib", 256) << 20;
		int runs = Integer.getInteger("octoplane.bench.tunnel.runs", 3);
		try (ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
				FaultyLink link = FaultyLink.start(brains.args(0).agentPort());
				TentacleFleet fleet = new TentacleFleet(certs, this.work.resolve("fleet"))) {
			Thread.ofVirtual().start(() -> serve(service, bytes));
			fleet.start("bench1", link.port());
			assertThat(fleet.tentacle("bench1").awaitConnected(Duration.ofSeconds(60))).isTrue();
			Map<String, List<Double>> rates = new LinkedHashMap<>();
			for (int run = 0; run < runs; run++) {
				link.retarget(brains.args(0).agentPort());
				rate(rates, "direct: octl -> a (holds the node, gets the data connection)",
						time(brains.args(0), service, bytes));
				rate(rates, "relayed: octl -> b, node and data connection on a", time(brains.args(1), service, bytes));
				link.retarget(brains.args(2).agentPort());
				rate(rates, "relayed: octl -> b, node on a, data connection on c",
						time(brains.args(1), service, bytes));
			}
			System.out.printf("tunnel throughput, %d MiB per run, load %s%n", bytes >> 20, load());
			rates.forEach((path, values) -> System.out.printf("| %s | %s MiB/s |%n", path,
					values.stream().map((rate) -> String.format("%.0f", rate)).toList()));
		}
	}

	private static void rate(Map<String, List<Double>> rates, String path, double mibPerSecond) {
		rates.computeIfAbsent(path, (key) -> new ArrayList<>()).add(mibPerSecond);
	}

	private static double time(BrainArgs brain, ServerSocket service, long bytes) throws Exception {
		PemPair operator = certs.operator("alice");
		OctoplaneClient client = OctoplaneClient.builder()
			.baseUri(URI.create(brain.restUri()))
			.sslContext(PemTls.clientContext(operator.certificate(), operator.privateKey(), certs.caCert()))
			.build();
		long start = System.nanoTime();
		long received = 0;
		try (TunnelConnection tunnel = client.tunnels().open("bench1", "127.0.0.1", service.getLocalPort())) {
			tunnel.output().close();
			InputStream in = tunnel.input();
			byte[] buffer = new byte[64 * 1024];
			int read;
			while ((read = in.read(buffer)) >= 0) {
				received += read;
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		assertThat(received).isEqualTo(bytes);
		return (bytes / (1024.0 * 1024.0)) / seconds;
	}

	/** Sends each connection the same number of bytes, then closes it. */
	private static void serve(ServerSocket service, long bytes) {
		byte[] chunk = new byte[64 * 1024];
		while (!service.isClosed()) {
			try (Socket socket = service.accept(); OutputStream out = socket.getOutputStream()) {
				for (long sent = 0; sent < bytes; sent += chunk.length) {
					out.write(chunk, 0, (int) Math.min(chunk.length, bytes - sent));
				}
			}
			catch (IOException ex) {
				// Closed at the end of the measurement.
			}
		}
	}

	private static String load() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).strip();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
