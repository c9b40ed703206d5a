package io.octoplane.certs.cli;

import java.io.IOException;
import java.nio.file.Path;

import io.octoplane.certs.CertificateAuthority;
import io.octoplane.certs.KeyType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code certs ca}: creates the fleet's certificate authority.
 */
@Command(name = "ca", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = { "Creates a new certificate authority: DIR/ca.pem and DIR/ca-key.pem.", "",
				"ca.pem is public: every brain, nameserver, tentacle and octl trusts it. ca-key.pem signs "
						+ "every Octoplane certificate; it is written readable by its owner only and should stay "
						+ "on the machine that issues certificates." })
class CaCommand extends CertsSubcommand {

	@Option(names = "--out", required = true, paramLabel = "DIR",
			description = "Directory to write ca.pem and ca-key.pem to; created if missing.")
	Path out;

	@Option(names = "--cn", paramLabel = "NAME", defaultValue = "Octoplane CA",
			description = "Common name of the CA. Default: ${DEFAULT-VALUE}.")
	String commonName;

	@Option(names = "--days", paramLabel = "DAYS", defaultValue = "3650",
			description = "How many days the CA is valid; it cannot issue beyond that. Default: ${DEFAULT-VALUE}.")
	int days;

	@Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ec",
			converter = IssueOptions.KeyTypeConverter.class,
			description = "Key type: ec (P-256, the default) or rsa (3072 bits). "
					+ "It also decides how everything the CA signs is signed.")
	KeyType keyType;

	@Option(names = "--force", description = "Replace an existing CA. Certificates issued by the old one stop "
			+ "being trusted wherever the new ca.pem is installed.")
	boolean force;

	@Override
	void execute() throws IOException {
		Path certificate = this.out.resolve("ca.pem");
		Path key = this.out.resolve("ca-key.pem");
		CertificateAuthority ca = CertificateAuthority.create(this.commonName, validity(this.days), this.keyType,
				clock());
		ca.writeTo(certificate, key, this.force);
		out().printf("Created CA '%s', valid until %s%n", this.commonName, ca.certificate().getNotAfter().toInstant());
		out().printf("  certificate: %s (distribute to every peer)%n", certificate);
		out().printf("  private key: %s (keep secret)%n", key);
	}

}
