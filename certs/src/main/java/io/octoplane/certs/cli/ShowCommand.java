package io.octoplane.certs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.PemFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code certs show}: prints what a PEM certificate file holds, in the terms Octoplane
 * cares about (role, names, validity).
 */
@Command(name = "show", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = {
				"Shows the certificates in a PEM file: subject, issuer, Octoplane role, serial number, "
						+ "validity, subject alternative names, key and SHA-256 fingerprint.",
				"", "The role is 'none' when the subject OU and the extended key usage do not agree on one; "
						+ "the brain refuses such a certificate." })
class ShowCommand extends CertsSubcommand {

	private static final int DNS = 2;

	private static final int IP = 7;

	@Parameters(index = "0", paramLabel = "FILE", description = "A PEM file with one or more certificates.")
	Path file;

	@Override
	void execute() throws IOException, GeneralSecurityException {
		List<X509Certificate> certificates = PemFiles.readCertificates(this.file);
		PrintWriter out = out();
		for (int i = 0; i < certificates.size(); i++) {
			if (certificates.size() > 1) {
				out.printf("%sCertificate %d of %d%n", (i > 0) ? System.lineSeparator() : "", i + 1,
						certificates.size());
			}
			print(out, certificates.get(i));
		}
		out.flush();
	}

	private void print(PrintWriter out, X509Certificate certificate) throws GeneralSecurityException {
		List<String> names = alternativeNames(certificate);
		out.printf("Subject:     %s%n", certificate.getSubjectX500Principal().getName());
		out.printf("Issuer:      %s%n", certificate.getIssuerX500Principal().getName());
		out.printf("Role:        %s%n", role(certificate));
		out.printf("Serial:      %s%n", certificate.getSerialNumber().toString(16));
		out.printf("Not before:  %s%n", certificate.getNotBefore().toInstant());
		out.printf("Not after:   %s (%s)%n", certificate.getNotAfter().toInstant(), status(certificate));
		out.printf("SANs:        %s%n", names.isEmpty() ? "none" : String.join(", ", names));
		out.printf("Key:         %s%n", describe(certificate.getPublicKey()));
		out.printf("SHA-256:     %s%n",
				HexFormat.ofDelimiter(":")
					.withUpperCase()
					.formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
	}

	private static String role(X509Certificate certificate) {
		if (certificate.getBasicConstraints() >= 0) {
			return "certificate authority";
		}
		return CertificateRole.of(certificate).map(CertificateRole::ou).orElse("none");
	}

	private String status(X509Certificate certificate) {
		Instant now = clock().instant();
		if (now.isBefore(certificate.getNotBefore().toInstant())) {
			return "not yet valid";
		}
		Duration left = Duration.between(now, certificate.getNotAfter().toInstant());
		if (left.isNegative()) {
			return "expired";
		}
		return "valid, " + left.toDays() + " days left";
	}

	private static String describe(PublicKey key) {
		if (key instanceof ECPublicKey ec) {
			return "EC " + ec.getParams().getCurve().getField().getFieldSize() + " bits";
		}
		if (key instanceof RSAPublicKey rsa) {
			return "RSA " + rsa.getModulus().bitLength() + " bits";
		}
		return key.getAlgorithm();
	}

	/**
	 * The DNS and IP subject alternative names, as {@code DNS:name} and
	 * {@code IP:address}.
	 */
	static List<String> alternativeNames(X509Certificate certificate) {
		Collection<List<?>> entries;
		try {
			entries = certificate.getSubjectAlternativeNames();
		}
		catch (CertificateParsingException ex) {
			return List.of("unreadable: " + ex.getMessage());
		}
		List<String> names = new ArrayList<>();
		if (entries != null) {
			for (List<?> entry : entries) {
				int type = (Integer) entry.get(0);
				String prefix = switch (type) {
					case DNS -> "DNS:";
					case IP -> "IP:";
					default -> "type " + type + ":";
				};
				names.add(prefix + entry.get(1));
			}
		}
		return names;
	}

}
