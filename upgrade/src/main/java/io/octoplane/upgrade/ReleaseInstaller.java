package io.octoplane.upgrade;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.octoplane.certs.release.ReleaseSignature;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.ReleaseInfo;
import io.octoplane.protocol.digest.Sha256;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Downloads a tentacle or brain release from the nameserver into an upgrade home and
 * keeps it only if its SHA-256 is the one the nameserver states and the signature over
 * component, version and that SHA-256 verifies against the release public key this node
 * (or brain) was given. The nameserver alone is never trusted: a nameserver that was
 * broken into can serve other bytes, but cannot sign them.
 */
public final class ReleaseInstaller {

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final UpgradeComponent component;

	private final UpgradeHome home;

	private final PublicKey releaseKey;

	/**
	 * Creates an installer.
	 * @param component the component to download releases of
	 * @param home the upgrade home
	 * @param releaseKey the release public key packages must be signed for
	 */
	public ReleaseInstaller(UpgradeComponent component, UpgradeHome home, PublicKey releaseKey) {
		this.component = component;
		this.home = home;
		this.releaseKey = releaseKey;
	}

	/**
	 * Downloads and verifies a version, unless it is installed already.
	 * @param nameserver the nameserver's HTTPS address
	 * @param context the node's (or brain's) TLS identity
	 * @param version the version
	 * @throws ReleaseRejectedException if the nameserver does not have the version or the
	 * package does not verify; the message says which check failed
	 * @throws IOException if the download fails
	 */
	public void install(URI nameserver, SSLContext context, String version) throws IOException {
		if (this.home.installed(version)) {
			return;
		}
		String base = nameserver.toString().replaceAll("/+$", "");
		String component = this.component.name();
		String path = ApiPaths.RELEASE.replace("{component}", component).replace("{version}", version);
		Duration timeout = Duration.ofMinutes(10);
		try (HttpClient client = HttpClient.newBuilder()
			.sslContext(context)
			.connectTimeout(Duration.ofSeconds(10))
			.build()) {
			HttpResponse<String> details = client.send(
					HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (details.statusCode() == 404) {
				throw new ReleaseRejectedException(ReleaseRejectedException.Reason.NOT_FOUND,
						"nameserver has no " + component + " " + version + ": " + details.body());
			}
			if (details.statusCode() != 200) {
				throw new IOException("nameserver answered " + details.statusCode() + " for " + component + " "
						+ version + ": " + details.body());
			}
			ReleaseInfo release = JSON.readValue(details.body(), ReleaseInfo.class);
			Path target = this.home.release(version);
			Files.createDirectories(target.getParent());
			Path temporary = Files.createTempFile(target.getParent(), ".download-", ".tmp");
			try {
				HttpResponse<Path> download = client.send(HttpRequest
					.newBuilder(URI.create(base
							+ ApiPaths.RELEASE_PACKAGE.replace("{component}", component).replace("{version}", version)))
					.timeout(timeout)
					.build(), HttpResponse.BodyHandlers.ofFile(temporary));
				if (download.statusCode() != 200) {
					throw new IOException("download of " + component + " " + version + " failed with status "
							+ download.statusCode());
				}
				verify(this.component, temporary, version, release.sha256(), release.signature(), this.releaseKey);
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
	 * @param component the component it claims to be
	 * @param file the package
	 * @param version the version it claims to be
	 * @param sha256 the SHA-256 the nameserver states
	 * @param signature the release signature
	 * @param releaseKey the release public key
	 * @throws ReleaseRejectedException if the file's SHA-256 differs from the stated one,
	 * or the signature does not verify for this component, version and SHA-256
	 * @throws IOException if the file cannot be read
	 */
	public static void verify(UpgradeComponent component, Path file, String version, String sha256, String signature,
			PublicKey releaseKey) throws IOException {
		String actual = Sha256.of(file);
		if (!actual.equals(sha256)) {
			throw new ReleaseRejectedException(ReleaseRejectedException.Reason.CHECKSUM_MISMATCH,
					"checksum mismatch: " + component.name() + " " + version + " has SHA-256 " + actual
							+ ", the nameserver states " + sha256 + "; not installed");
		}
		if (!ReleaseSignature.verify(releaseKey, component.name(), version, sha256, signature)) {
			throw new ReleaseRejectedException(ReleaseRejectedException.Reason.BAD_SIGNATURE,
					"bad signature: " + component.name() + " " + version + " is not signed by the release key this "
							+ component.name() + " trusts; not installed");
		}
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
