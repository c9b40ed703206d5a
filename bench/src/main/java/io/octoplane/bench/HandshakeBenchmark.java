package io.octoplane.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

import io.octoplane.bench.harness.ProcessReadings;
import io.octoplane.bench.sim.FleetTls;
import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.FleetTrustManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench handshake}: full TLS 1.3 handshakes with client certificates, as a node
 * makes with the agent port, between two in-memory engines on one thread, so no network
 * and no other thread takes part. The server's side checks the node's certificate either
 * with the JDK's PKIX trust manager or with {@link FleetTrustManager}, in alternating
 * rounds; each side's CPU time is measured on its own. Every handshake is a full one: the
 * engines know no peer, so no session is resumed; and each comes from another of 2,000
 * nodes, as in a reconnect storm, since the JDK keeps a verified certificate it parsed
 * before and would skip its signature check.
 */
@Command(name = "handshake", mixinStandardHelpOptions = true,
		description = "CPU of full mutual-TLS handshakes on the server side: JDK path validation against FleetTrustManager.")
final class HandshakeBenchmark implements Callable<Integer> {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static final int NODES = 2000;

	@Spec
	CommandSpec spec;

	@Option(names = "--count", defaultValue = "4000", paramLabel = "N",
			description = "Measured handshakes per trust manager (default: ${DEFAULT-VALUE}), after as many unmeasured.")
	int count = 4000;

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		Report report = new Report("handshake").put("count", this.count)
			.put("load_before", ProcessReadings.loadAverage());
		FleetTls tls = FleetTls.create();
		// Distinct nodes, more than the JDK's cache of parsed certificates holds: a node
		// seen again would find its certificate parsed and its signature verified.
		List<SSLContext> clients = IntStream.range(0, NODES)
			.parallel()
			.mapToObj((index) -> tls.clientContext(CertificateRole.NODE, "bench-node-" + index))
			.toList();
		List<Variant> variants = List.of(
				new Variant("fleet_trust",
						tls.serverContext(CertificateRole.BRAIN, "bench-brain",
								new FleetTrustManager(tls.jdkTrust(), List.of(tls.ca().certificate()),
										Clock.systemUTC()))),
				new Variant("jdk_pkix", tls.serverContext(CertificateRole.BRAIN, "bench-brain", tls.jdkTrust())),
				new Variant("fleet_no_anchor", tls.serverContext(CertificateRole.BRAIN, "bench-brain",
						new FleetTrustManager(tls.jdkTrust(), List.of(), Clock.systemUTC()))));
		int round = 100;
		int next = 0;
		for (int done = 0; done < 2 * this.count; done += round) {
			boolean measured = done >= this.count;
			for (Variant variant : variants) {
				for (int i = 0; i < round; i++) {
					variant.handshake(clients.get(next++ % NODES), measured);
				}
			}
		}
		for (Variant variant : variants) {
			report.put(variant.name + "_server_cpu_us", Math.round(variant.serverNanos / 1000.0 / this.count))
				.put(variant.name + "_client_cpu_us", Math.round(variant.clientNanos / 1000.0 / this.count))
				.put(variant.name + "_server_handshakes_per_cpu_s",
						Math.round(this.count / (variant.serverNanos / 1e9)));
		}
		report.put("load_after", ProcessReadings.loadAverage()).print(out);
		return 0;
	}

	/** One way of checking client certificates, with the CPU its handshakes took. */
	private static final class Variant {

		private final String name;

		private final SSLContext server;

		private long serverNanos;

		private long clientNanos;

		Variant(String name, SSLContext server) {
			this.name = name;
			this.server = server;
		}

		void handshake(SSLContext clientContext, boolean measured) throws SSLException {
			SSLEngine client = clientContext.createSSLEngine();
			client.setUseClientMode(true);
			client.setEnabledProtocols(new String[] { "TLSv1.3" });
			SSLEngine server = this.server.createSSLEngine();
			server.setUseClientMode(false);
			server.setNeedClientAuth(true);
			server.setEnabledProtocols(new String[] { "TLSv1.3" });
			int size = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
			ByteBuffer toServer = ByteBuffer.allocate(size);
			ByteBuffer toClient = ByteBuffer.allocate(size);
			ByteBuffer sink = ByteBuffer.allocate(client.getSession().getApplicationBufferSize());
			client.beginHandshake();
			server.beginHandshake();
			// Bounded: a TLS 1.3 handshake takes a handful of flights.
			for (int step = 0; step < 100 && !(finished(client) && finished(server)); step++) {
				long started = THREADS.getCurrentThreadCpuTime();
				step(client, toClient, toServer, sink);
				long between = THREADS.getCurrentThreadCpuTime();
				step(server, toServer, toClient, sink);
				long ended = THREADS.getCurrentThreadCpuTime();
				if (measured) {
					this.clientNanos += between - started;
					this.serverNanos += ended - between;
				}
			}
			if (!finished(client) || !finished(server)) {
				throw new SSLException("handshake did not finish");
			}
		}

		private static boolean finished(SSLEngine engine) {
			HandshakeStatus status = engine.getHandshakeStatus();
			return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
		}

		/** Reads what the peer sent, runs what that calls for, writes what is due. */
		private static void step(SSLEngine engine, ByteBuffer in, ByteBuffer out, ByteBuffer sink) throws SSLException {
			in.flip();
			while (in.hasRemaining()) {
				sink.clear();
				SSLEngineResult result = engine.unwrap(in, sink);
				runTasks(engine);
				if (result.getStatus() != SSLEngineResult.Status.OK || result.bytesConsumed() == 0) {
					break;
				}
			}
			in.compact();
			while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
				SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), out);
				runTasks(engine);
				if (result.getStatus() != SSLEngineResult.Status.OK) {
					break;
				}
			}
		}

		private static void runTasks(SSLEngine engine) {
			for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
				task.run();
			}
		}

	}

}
