package io.octoplane.certs.release;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Signs and verifies release packages. What is signed is not the package but the
 * statement
 *
 * <pre>
 * octoplane-release-v1
 * &lt;component&gt;
 * &lt;version&gt;
 * &lt;sha256 of the package, lower-case hex&gt;
 * </pre>
 *
 * (each line ending in a newline), so a signature for tentacle 1.2 cannot be replayed for
 * another component or version, and the package can be hashed while it streams.
 */
public final class ReleaseSignature {

	private static final String ALGORITHM = "Ed25519";

	private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

	private ReleaseSignature() {
	}

	/**
	 * Signs a release.
	 * @param key the release private key (Ed25519)
	 * @param component {@code tentacle} or {@code brain}
	 * @param version the release's version
	 * @param sha256 the package's SHA-256, lower-case hex
	 * @return the signature, Base64
	 * @throws GeneralSecurityException if the key is not an Ed25519 key
	 */
	public static String sign(PrivateKey key, String component, String version, String sha256)
			throws GeneralSecurityException {
		Signature signature = Signature.getInstance(ALGORITHM);
		signature.initSign(key);
		signature.update(statement(component, version, sha256));
		return Base64.getEncoder().encodeToString(signature.sign());
	}

	/**
	 * Checks a release's signature. Never throws for a bad signature: malformed Base64, a
	 * wrong key type or a signature over something else all answer {@code false}.
	 * @param key the release public key (Ed25519)
	 * @param component {@code tentacle} or {@code brain}
	 * @param version the release's version
	 * @param sha256 the package's SHA-256, lower-case hex
	 * @param signatureBase64 the signature, Base64
	 * @return whether the signature was made with the matching private key over exactly
	 * this statement
	 */
	public static boolean verify(PublicKey key, String component, String version, String sha256,
			String signatureBase64) {
		try {
			Signature signature = Signature.getInstance(ALGORITHM);
			signature.initVerify(key);
			signature.update(statement(component, version, sha256));
			return signature.verify(Base64.getDecoder().decode(signatureBase64.strip()));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * The hex form used for package digests.
	 * @param digest a SHA-256 digest
	 * @return lower-case hex
	 */
	public static String hex(byte[] digest) {
		return HexFormat.of().formatHex(digest);
	}

	static byte[] statement(String component, String version, String sha256) {
		if (!SHA256.matcher(sha256).matches()) {
			throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
		}
		if (component.contains("\n") || version.contains("\n")) {
			throw new IllegalArgumentException("component and version must be single lines");
		}
		return ("octoplane-release-v1\n" + component + "\n" + version + "\n" + sha256 + "\n")
			.getBytes(StandardCharsets.UTF_8);
	}

}
