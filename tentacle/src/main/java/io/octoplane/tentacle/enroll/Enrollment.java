package io.octoplane.tentacle.enroll;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.random.RandomGenerator;

import javax.net.ssl.SSLException;

import io.octoplane.certs.KeyType;
import io.octoplane.certs.SigningRequests;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.EnrollRequest;
import io.octoplane.protocol.api.EnrollResponse;
import io.octoplane.protocol.retry.Backoff;
import io.octoplane.protocol.tls.PemTls;
import io.octoplane.tentacle.config.EnrollmentSettings;
import io.octoplane.tentacle.config.TentacleConfig;
import io.octoplane.tentacle.config.TentacleConfigException;
import io.octoplane.tentacle.identity.IdentityFiles;
import io.octoplane.tentacle.identity.IssuedCertificates;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gets the node its certificate with a join token, when it has none yet; see the package
 * documentation for what each answer leads to. Run it before the
 * {@link io.octoplane.tentacle.Tentacle} is created, since that loads the certificate.
 */
public final class Enrollment {

	/** How many times an unreachable brain API is tried before giving up. */
	public static final int ATTEMPTS = 5;

	private static final Logger logger = LoggerFactory.getLogger(Enrollment.class);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private static final int MAX_DETAIL_CHARS = 200;

	private final TentacleConfig config;

	private final IdentityFiles files;

	private final RandomGenerator random;

	/**
	 * Prepares enrollment for a configuration.
	 * @param config the configuration
	 * @param random source of backoff jitter
	 */
	public Enrollment(TentacleConfig config, RandomGenerator random) {
		this.config = config;
		this.files = new IdentityFiles(config.cert(), config.key());
		this.random = random;
	}

	/**
	 * Finishes a certificate replacement a crash interrupted, then enrolls if a join
	 * token is set and neither the certificate nor the key exists. Afterwards both exist.
	 * @return whether it enrolled
	 * @throws TentacleConfigException if the files are missing and cannot be enrolled
	 * for, or cannot be written
	 * @throws EnrollmentException if the brain refused or could not be reached
	 * @throws InterruptedException if interrupted while waiting to retry
	 */
	public boolean enrollIfNeeded() throws EnrollmentException, InterruptedException {
		try {
			this.files.recover();
		}
		catch (IOException ex) {
			throw new TentacleConfigException("cannot complete the interrupted replacement of " + this.config.cert()
					+ " and " + this.config.key() + ": " + ex.getMessage(), ex);
		}
		EnrollmentSettings settings = this.config.enrollment();
		if (settings == null || !this.files.absent()) {
			if (settings != null && !(Files.exists(this.config.cert()) && Files.exists(this.config.key()))) {
				throw new TentacleConfigException("a join token is set but only one of " + this.config.cert() + " and "
						+ this.config.key() + " exists; enrollment needs neither (move the other away to enroll "
						+ "again) and connecting needs both");
			}
			this.config.requireIdentityFiles();
			return false;
		}
		enroll(settings);
		return true;
	}

	private void enroll(EnrollmentSettings settings) throws EnrollmentException, InterruptedException {
		URI endpoint = settings.brainApi().resolve(ApiPaths.ENROLL);
		KeyPair keyPair = KeyType.EC_P256.generateKeyPair();
		String body = Json.MAPPER.writeValueAsString(new EnrollRequest(settings.joinToken(), settings.name(),
				SigningRequests.create(keyPair, settings.name())));
		HttpRequest request = HttpRequest.newBuilder(endpoint)
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		logger.info("enrolling as {} with the brain API at {}", settings.name(), settings.brainApi());
		HttpResponse<String> response;
		try (HttpClient client = client()) {
			response = send(client, request, endpoint);
		}
		X509Certificate certificate = accept(response, settings, keyPair);
		try {
			this.files.replace(keyPair.getPrivate(), certificate);
		}
		catch (IOException ex) {
			throw new TentacleConfigException("enrolled as " + settings.name() + " but cannot save the certificate to "
					+ this.config.cert() + " and key to " + this.config.key() + ": " + ex.getMessage(), ex);
		}
		logger.info("enrolled as {}: certificate {} (serial {}, valid until {}) and key {} saved", settings.name(),
				this.config.cert(), certificate.getSerialNumber().toString(16), certificate.getNotAfter().toInstant(),
				this.config.key());
	}

	private HttpClient client() {
		try {
			// The HTTP client checks the brain's host name against its certificate; the
			// CA file is the only trust anchor, so a join token never reaches a stranger.
			return HttpClient.newBuilder()
				.sslContext(PemTls.trustOnly(this.config.ca()))
				.connectTimeout(this.config.connectTimeout())
				.version(HttpClient.Version.HTTP_1_1)
				.build();
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new TentacleConfigException(
					"cannot load the CA certificate " + this.config.ca() + " (setting 'ca'): " + ex.getMessage(), ex);
		}
	}

	private HttpResponse<String> send(HttpClient client, HttpRequest request, URI endpoint)
			throws EnrollmentException, InterruptedException {
		Backoff backoff = new Backoff(this.config.backoffInitial(), this.config.backoffMax(), this.random);
		String failure = "";
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			if (attempt > 1) {
				Duration delay = backoff.next();
				logger.warn("cannot enroll yet ({}); attempt {} of {} in {}", failure, attempt, ATTEMPTS,
						String.format(Locale.ROOT, "%.1fs", delay.toMillis() / 1000.0));
				Thread.sleep(delay);
			}
			try {
				HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
				if (!transientStatus(response.statusCode())) {
					return response;
				}
				failure = "brain API answered HTTP " + response.statusCode() + detail(response.body());
			}
			catch (IOException ex) {
				SSLException tls = tlsFailure(ex);
				if (tls != null) {
					throw new EnrollmentException("TLS handshake with the brain API at " + endpoint.getAuthority()
							+ " failed (its certificate must be signed by the CA in " + this.config.ca()
							+ " and name host " + endpoint.getHost() + "): " + describe(tls), false);
				}
				failure = "cannot reach the brain API at " + endpoint.getAuthority() + ": " + describe(ex);
			}
		}
		throw new EnrollmentException("enrollment failed after " + ATTEMPTS + " attempts: " + failure, true);
	}

	private X509Certificate accept(HttpResponse<String> response, EnrollmentSettings settings, KeyPair keyPair)
			throws EnrollmentException {
		int status = response.statusCode();
		String detail = detail(response.body());
		String refused = "enrollment as " + settings.name() + " refused: ";
		switch (status) {
			case 200, 201 -> {
				return certificate(response.body(), settings, keyPair);
			}
			case 400 -> throw new EnrollmentException(
					refused + "the brain rejected the request (HTTP 400" + detail + "); check 'name'", false);
			case 401, 403 -> throw new EnrollmentException(refused + "the join token is unknown, expired or used up "
					+ "(HTTP " + status + "); create a new one with 'octl token create --role node'", false);
			case 409 -> throw new EnrollmentException(refused + "a node named " + settings.name()
					+ " is already enrolled (HTTP 409); choose another 'name' or revoke the old node", false);
			default -> throw new EnrollmentException(refused + "unexpected HTTP " + status + detail, false);
		}
	}

	private X509Certificate certificate(String body, EnrollmentSettings settings, KeyPair keyPair)
			throws EnrollmentException {
		try {
			EnrollResponse answer = Json.MAPPER.readValue(body, EnrollResponse.class);
			return IssuedCertificates.check(answer.certificatePem(), keyPair, settings.name(), this.config.ca());
		}
		catch (JacksonException | IllegalArgumentException | CertificateException ex) {
			throw new EnrollmentException("enrollment as " + settings.name()
					+ " failed: the brain's certificate is unusable: " + ex.getMessage(), false);
		}
	}

	private static boolean transientStatus(int status) {
		return status == 408 || status == 429 || status >= 500;
	}

	/** The problem detail of an error answer, as {@code ": detail"}, or nothing. */
	private static String detail(@Nullable String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		String text;
		try {
			JsonNode detail = Json.MAPPER.readTree(body).get("detail");
			text = (detail != null && detail.isString()) ? detail.asString() : "";
		}
		catch (JacksonException ex) {
			text = "";
		}
		text = text.strip().replaceAll("\\s+", " ");
		if (text.length() > MAX_DETAIL_CHARS) {
			text = text.substring(0, MAX_DETAIL_CHARS) + "...";
		}
		return text.isEmpty() ? "" : ": " + text;
	}

	private static @Nullable SSLException tlsFailure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SSLException tls) {
				return tls;
			}
		}
		return null;
	}

	private static String describe(Throwable ex) {
		if (ex instanceof ConnectException && ex.getMessage() == null) {
			// The HTTP client reports a refused connection without a message.
			return "connection refused";
		}
		Throwable cause = ex;
		while (cause.getMessage() == null && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

	/**
	 * The mapper, made when the brain first answers an enrollment: a tentacle that is
	 * enrolled already never loads Jackson's classes.
	 */
	private static final class Json {

		static final JsonMapper MAPPER = JsonMapper.builder().build();

	}

}
