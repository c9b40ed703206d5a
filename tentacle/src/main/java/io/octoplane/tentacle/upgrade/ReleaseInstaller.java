package io.octoplane.tentacle.upgrade;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.octoplane.certs.release.ReleaseSignature;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.ReleaseInfo;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Downloads a tentacle release from the nameserver into an upgrade home and keeps it only
 * if its SHA-256 is the one the nameserver states and the signature over component,
 * version and that SHA-256 verifies against the release public key this node was given.
 * The nameserver alone is never trusted: a nameserver that was broken into can serve
 * other bytes, but cannot sign them.
 */
public final class ReleaseInstaller {

	static final String COMPONENT = "tentacle";

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final UpgradeHome home;

	private final PublicKey releaseKey;

	/**
	 * Creates an installer.
	 * @param home the upgrade home
	 * @param releaseKey the release public key packages must be signed for
	 */
	public ReleaseInstaller(UpgradeHome home, PublicKey releaseKey) {
		this.home = home;
		this.releaseKey = releaseKey;
	}

	/**
	 * Downloads and verifies a version, unless it is installed already.
	 * @param nameserver the nameserver's HTTPS address
	 * @param context the node's TLS identity
	 * @param version the version
	 * @throws IOException if the download fails or the package does not verify; the
	 * message says which check failed
	 */
	public void install(URI nameserver, SSLContext context, String version) throws IOException {
		if (this.home.installed(version)) {
			return;
		}
		String base = nameserver.toString().replaceAll("/+$", "");
		String path = ApiPaths.RELEASE.replace("{component}", COMPONENT).replace("{version}", version);
		Duration timeout = Duration.ofMinutes(10);
		try (HttpClient client = HttpClient.newBuilder()
			.sslContext(context)
			.connectTimeout(Duration.ofSeconds(10))
			.build()) {
			HttpResponse<String> details = client.send(
					HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (details.statusCode() != 200) {
				throw new IOException("nameserver has no " + COMPONENT + " " + version + ": " + details.statusCode()
						+ " " + details.body());
			}
			ReleaseInfo release = JSON.readValue(details.body(), ReleaseInfo.class);
			Path target = this.home.release(version);
			Files.createDirectories(target.getParent());
			Path temporary = Files.createTempFile(target.getParent(), ".download-", ".tmp");
			try {
				HttpResponse<Path> download = client.send(HttpRequest
					.newBuilder(URI.create(base
							+ ApiPaths.RELEASE_PACKAGE.replace("{component}", COMPONENT).replace("{version}", version)))
					.timeout(timeout)
					.build(), HttpResponse.BodyHandlers.ofFile(temporary));
				if (download.statusCode() != 200) {
					throw new IOException("download of " + COMPONENT + " " + version + " failed with status "
							+ download.statusCode());
				}
				verify(temporary, version, release.sha256(), release.signature(), this.releaseKey);
				move(temporary, target);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while downloading " + version, ex);
		}
	}

	/**
	 * Checks a downloaded package.
	 * @param file the package
	 * @param version the version it claims to be
	 * @param sha256 the SHA-256 the nameserver states
	 * @param signature the release signature
	 * @param releaseKey the release public key
	 * @throws IOException if the file's SHA-256 differs from the stated one, or the
	 * signature does not verify for this component, version and SHA-256
	 */
	public static void verify(Path file, String version, String sha256, String signature, PublicKey releaseKey)
			throws IOException {
		String actual = sha256(file);
		if (!actual.equals(sha256)) {
			throw new IOException("checksum mismatch: " + COMPONENT + " " + version + " has SHA-256 " + actual
					+ ", the nameserver states " + sha256 + "; not installed");
		}
		if (!ReleaseSignature.verify(releaseKey, COMPONENT, version, sha256, signature)) {
			throw new IOException("bad signature: " + COMPONENT + " " + version
					+ " is not signed by the release key this node trusts; not installed");
		}
	}

	private static String sha256(Path file) throws IOException {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		return ReleaseSignature.hex(digest.digest());
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
