package io.octoplane.certs.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;

import io.octoplane.certs.CertificateAuthority;
import io.octoplane.certs.IssuedCertificate;
import io.octoplane.certs.KeyType;
import io.octoplane.certs.PemFiles;
import io.octoplane.certs.PemPair;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Options shared by the commands that issue certificates from an existing CA: where the
 * CA is, where the files go, whether to replace them, and the key type.
 */
final class IssueOptions {

	@Option(names = "--ca-dir", required = true, paramLabel = "DIR",
			description = "Directory holding ca.pem and ca-key.pem, as made by 'certs ca'.")
	Path caDir;

	@Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
			description = "Directory to write NAME.pem and NAME-key.pem to; created if missing. "
					+ "Default: the current directory.")
	Path out;

	@Option(names = "--force", description = "Replace existing certificate and key files instead of refusing.")
	boolean force;

	@Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ec", converter = KeyTypeConverter.class,
			description = "Key type to generate: ec (P-256, the default) or rsa (3072 bits).")
	KeyType keyType;

	CertificateAuthority loadCa(Clock clock) throws IOException {
		try {
			return CertificateAuthority.load(this.caDir.resolve("ca.pem"), this.caDir.resolve("ca-key.pem"), clock);
		}
		catch (NoSuchFileException ex) {
			throw new NoSuchFileException(ex.getFile(), null, "create a CA with 'certs ca --out " + this.caDir + "'");
		}
	}

	/**
	 * Refuses before any key is generated if one of the names would overwrite a file, so
	 * a batch either writes everything or nothing.
	 */
	void refuseExisting(Collection<String> names) throws IOException {
		if (this.force) {
			return;
		}
		for (String name : names) {
			PemFiles.refuseExisting(keyFile(name));
			PemFiles.refuseExisting(certificateFile(name));
		}
	}

	PemPair write(IssuedCertificate certificate, String name) throws IOException {
		return certificate.writeTo(certificateFile(name), keyFile(name), this.force);
	}

	private Path certificateFile(String name) {
		return this.out.resolve(name + ".pem");
	}

	private Path keyFile(String name) {
		return this.out.resolve(name + "-key.pem");
	}

	static final class KeyTypeConverter implements ITypeConverter<KeyType> {

		@Override
		public KeyType convert(String value) {
			try {
				return KeyType.parse(value);
			}
			catch (IllegalArgumentException ex) {
				throw new TypeConversionException(ex.getMessage());
			}
		}

	}

}
