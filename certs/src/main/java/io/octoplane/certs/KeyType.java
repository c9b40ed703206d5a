package io.octoplane.certs;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Locale;

import io.octoplane.protocol.tls.PemReader;

/**
 * The kinds of key pair Octoplane generates. EC P-256 is the default: small, fast to
 * generate and supported by every TLS 1.3 peer. RSA 3072 is there for environments whose
 * policy or hardware still insists on RSA.
 */
public enum KeyType {

	/** NIST P-256 (secp256r1) elliptic curve key, signed with SHA256withECDSA. */
	EC_P256("EC", new ECGenParameterSpec("secp256r1")),

	/** 3072-bit RSA key, signed with SHA256withRSA. */
	RSA_3072("RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4));

	private final String algorithm;

	private final AlgorithmParameterSpec parameters;

	KeyType(String algorithm, AlgorithmParameterSpec parameters) {
		this.algorithm = algorithm;
		this.parameters = parameters;
	}

	/**
	 * Generates a fresh key pair of this type.
	 * @return the key pair
	 * @throws IllegalStateException if the JDK lacks the algorithm (a broken runtime)
	 */
	public KeyPair generateKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(this.algorithm);
			generator.initialize(this.parameters);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot generate " + this + " key pair", ex);
		}
	}

	/**
	 * Parses a key type as written on a command line: {@code ec}, {@code rsa}, or the
	 * constant name in any case ({@code ec_p256}, {@code RSA-3072}).
	 * @param value the text
	 * @return the key type
	 * @throws IllegalArgumentException if the text names no key type
	 */
	public static KeyType parse(String value) {
		String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
		return switch (normalized) {
			case "EC", "EC_P256", "P256", "P_256" -> EC_P256;
			case "RSA", "RSA_3072" -> RSA_3072;
			default -> throw new IllegalArgumentException("unknown key type '" + value + "' (expected ec or rsa)");
		};
	}

	/**
	 * The JCA signature algorithm a key of the given algorithm signs with. SHA-256 pairs
	 * with both key types at their security level, so there is no choice to expose.
	 */
	static String signatureAlgorithm(Key key) {
		return PemReader.signatureAlgorithm(key);
	}

}
