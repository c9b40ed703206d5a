package io.octoplane.tentacle.enroll;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.PemFiles;
import io.octoplane.certs.PemPair;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.EnrollRequest;
import io.octoplane.protocol.api.EnrollResponse;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.testsupport.certs.CertFixtures;
import tools.jackson.databind.json.JsonMapper;

/**
 * The brain's enrollment endpoint and nothing else: HTTPS on 127.0.0.1 with the brain's
 * fixture certificate, no client certificate asked for, one valid join token, and each
 * name enrolled at most once. Every request body is recorded.
 */
public final class EnrollStub implements AutoCloseable {

	/** The join token the stub accepts. */
	public static final String TOKEN = "join-3f9c2a7e";

	/** Request bodies, in order. */
	public final List<String> bodies = new CopyOnWriteArrayList<>();

	private final Set<String> enrolled = ConcurrentHashMap.newKeySet();

	private final JsonMapper json = JsonMapper.builder().build();

	private final CertFixtures signer;

	private final HttpsServer server;

	/**
	 * Starts the stub.
	 * @param signer whose CA signs the requests
	 * @param serverFixtures whose brain certificate the stub presents (usually the same)
	 * @throws IOException if the server cannot start
	 * @throws GeneralSecurityException if the TLS context cannot be built
	 */
	public EnrollStub(CertFixtures signer, CertFixtures serverFixtures) throws IOException, GeneralSecurityException {
		this.signer = signer;
		PemPair brain = serverFixtures.brain();
		this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setHttpsConfigurator(new HttpsConfigurator(
				PemTls.serverContext(brain.certificate(), brain.privateKey(), serverFixtures.caCert())));
		this.server.createContext(ApiPaths.ENROLL, this::enroll);
		this.server.start();
	}

	/** The brain API URL to configure. */
	public URI uri() {
		return URI.create("https://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Marks a name as enrolled already.
	 * @param name the node name
	 */
	public void alreadyEnrolled(String name) {
		this.enrolled.add(name);
	}

	private void enroll(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			this.bodies.add(body);
			if (!"POST".equals(exchange.getRequestMethod())) {
				answer(exchange, 405, problem(405, "POST only"));
				return;
			}
			EnrollRequest request = this.json.readValue(body, EnrollRequest.class);
			if (!TOKEN.equals(request.token())) {
				answer(exchange, 401, problem(401, "the join token is unknown, expired or used up"));
				return;
			}
			if (!this.enrolled.add(request.nodeName())) {
				answer(exchange, 409, problem(409, "node " + request.nodeName() + " is already enrolled"));
				return;
			}
			X509Certificate certificate = this.signer.ca()
				.signCsr(request.csrPem(), CertificateRole.NODE, request.nodeName(), Duration.ofDays(7));
			answer(exchange, 201, this.json.writeValueAsString(
					new EnrollResponse(PemFiles.toPem(certificate), Files.readString(this.signer.caCert()))));
		}
	}

	private static String problem(int status, String detail) {
		return "{\"type\":\"about:blank\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
