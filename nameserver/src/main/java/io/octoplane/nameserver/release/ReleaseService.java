package io.octoplane.nameserver.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.release.ReleaseKeys;
import io.octoplane.certs.release.ReleaseSignature;
import io.octoplane.nameserver.NameserverProperties;
import io.octoplane.nameserver.security.Caller;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.ReleaseInfo;
import io.octoplane.server.blob.BlobStore;
import io.octoplane.server.web.ConflictException;
import io.octoplane.server.web.ForbiddenException;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.NotFoundException;
import io.octoplane.server.web.UnavailableException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Accepts a release only from an operator, only with a signature that verifies against
 * the configured release public key for exactly this component, version and SHA-256, and
 * only if the bytes received have that SHA-256. A version, once stored, never changes.
 */
@Service
class ReleaseService {

	private static final Set<String> COMPONENTS = Set.of("tentacle", "brain");

	private static final Pattern VERSION = Pattern.compile("[0-9][0-9A-Za-z.+_-]{0,63}");

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	private final ReleaseRepository repository;

	private final BlobStore blobs;

	private final Clock clock;

	private final @Nullable PublicKey releaseKey;

	private final long maxReleaseBytes;

	ReleaseService(ReleaseRepository repository, BlobStore blobs, NameserverProperties properties, Clock clock) {
		this.repository = repository;
		this.blobs = blobs;
		this.clock = clock;
		this.releaseKey = properties.releasePublicKey().isBlank() ? null
				: readKey(Path.of(properties.releasePublicKey()));
		this.maxReleaseBytes = properties.maxReleaseSize().toBytes();
	}

	ReleaseInfo upload(String component, String version, @Nullable String sha256, @Nullable String signature,
			InputStream body, Caller caller) throws IOException {
		if (caller.role() != CertificateRole.OPERATOR) {
			throw new ForbiddenException(
					"only operator certificates may upload releases; this one has role " + caller.role().ou());
		}
		requireRelease(component, version);
		PublicKey key = this.releaseKey;
		if (key == null) {
			throw new UnavailableException(
					"this nameserver has no release public key (octoplane.nameserver.release-public-key), "
							+ "so it accepts no release");
		}
		if (sha256 == null || !SHA256.matcher(sha256).matches()) {
			throw new InvalidRequestException(
					"header X-Octoplane-Sha256 must be the package's SHA-256 as 64 lower-case hex digits");
		}
		if (signature == null || signature.isBlank()) {
			throw new InvalidRequestException(ErrorCode.RELEASE_SIGNATURE_INVALID,
					"header X-Octoplane-Signature with the release signature is missing");
		}
		// Checked before the body is read, so an unsigned upload costs no disk.
		if (!ReleaseSignature.verify(key, component, version, sha256, signature)) {
			throw new InvalidRequestException(ErrorCode.RELEASE_SIGNATURE_INVALID, "the signature of " + component + " "
					+ version + " does not verify against the release public key");
		}
		BlobStore.Staged staged = this.blobs.stage(body, this.maxReleaseBytes);
		if (!staged.sha256().equals(sha256)) {
			this.blobs.discard(staged);
			throw new InvalidRequestException(ErrorCode.RELEASE_CHECKSUM_MISMATCH, "the package received has SHA-256 "
					+ staged.sha256() + ", not the declared " + sha256 + "; it was damaged or replaced on the way");
		}
		ReleaseInfo existing = this.repository.find(component, version).orElse(null);
		if (existing != null) {
			this.blobs.discard(staged);
			return sameOrConflict(existing, sha256);
		}
		this.blobs.keep(staged);
		ReleaseInfo release = new ReleaseInfo(component, version, sha256, staged.sizeBytes(), signature.strip(),
				caller.name(), this.clock.instant());
		if (!this.repository.saveIfAbsent(release)) {
			return sameOrConflict(this.repository.find(component, version).orElseThrow(), sha256);
		}
		return release;
	}

	ReleaseInfo find(String component, String version) {
		return this.repository.find(component, version)
			.orElseThrow(() -> new NotFoundException(ErrorCode.RELEASE_NOT_FOUND,
					"no release " + component + " " + version));
	}

	Path packageOf(ReleaseInfo release) {
		return this.blobs.find(release.sha256())
			.orElseThrow(() -> new UnavailableException("the package of " + release.component() + " "
					+ release.version() + " is missing from this nameserver's data folder"));
	}

	List<ReleaseInfo> list() {
		return this.repository.all()
			.stream()
			.sorted(Comparator.comparing(ReleaseInfo::component)
				.thenComparing(Comparator.comparing(ReleaseInfo::uploadedAt).reversed()))
			.toList();
	}

	private static ReleaseInfo sameOrConflict(ReleaseInfo existing, String sha256) {
		if (existing.sha256().equals(sha256)) {
			return existing;
		}
		throw new ConflictException(existing.component() + " " + existing.version()
				+ " exists already with other contents; a released version never changes, upload a new version");
	}

	private static void requireRelease(String component, String version) {
		if (!COMPONENTS.contains(component)) {
			throw new InvalidRequestException("component '" + component + "' must be tentacle or brain");
		}
		if (!VERSION.matcher(version).matches()) {
			throw new InvalidRequestException("version '" + version
					+ "' must start with a digit and have at most 64 of 0-9, A-Z, a-z, '.', '+', '_' and '-'");
		}
	}

	private static PublicKey readKey(Path file) {
		try {
			return ReleaseKeys.readPublicKey(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"cannot read the release public key (octoplane.nameserver.release-public-key) " + file + ": "
							+ ex.getMessage(),
					ex);
		}
	}

}
