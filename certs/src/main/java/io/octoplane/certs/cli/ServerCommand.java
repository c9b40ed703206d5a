package io.octoplane.certs.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.octoplane.certs.CertificateAuthority;
import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.IssueRequest;
import io.octoplane.certs.IssuedCertificate;
import io.octoplane.certs.PemPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code certs server}: issues a brain or nameserver server certificate.
 */
@Command(name = "server", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = { "Issues a server certificate for the brain or the nameserver: NAME.pem and NAME-key.pem.", "",
				"Clients check the host name or IP address they dial against the certificate's subject "
						+ "alternative names, so list every name and address the server is reached by. "
						+ "Without --san the certificate covers localhost, 127.0.0.1 and ::1. NAME itself is "
						+ "always added when it is a valid host name. The certificate also allows client use, "
						+ "because the brain dials the nameserver." })
class ServerCommand extends CertsSubcommand {

	private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");

	@Parameters(index = "0", paramLabel = "NAME", description = "Server name, written as the certificate's CN.")
	String name;

	@Option(names = "--role", paramLabel = "ROLE", defaultValue = "brain", converter = ServerRoleConverter.class,
			description = "brain (the default) or nameserver.")
	CertificateRole role;

	@Option(names = "--san", paramLabel = "HOST",
			description = "A DNS name or IP address the server is reached by; repeat for several. "
					+ "IP addresses become IP SANs.")
	List<String> alternativeNames = new ArrayList<>();

	@Option(names = "--days", paramLabel = "DAYS", defaultValue = "825",
			description = "How many days the certificate is valid. Default: ${DEFAULT-VALUE}.")
	int days;

	@Mixin
	IssueOptions options;

	@Override
	void execute() throws IOException {
		List<String> names = new ArrayList<>(this.alternativeNames.isEmpty() ? LOOPBACK : this.alternativeNames);
		if (IssueRequest.isValidDnsName(this.name)) {
			names.add(this.name);
		}
		IssueRequest request = IssueRequest.of(this.role, this.name, validity(this.days), clock())
			.withSubjectAlternativeNames(names)
			.withKeyType(this.options.keyType);
		this.options.refuseExisting(List.of(this.name));
		CertificateAuthority ca = this.options.loadCa(clock());
		IssuedCertificate issued = ca.issue(request);
		PemPair pair = this.options.write(issued, this.name);
		out().printf("Issued %s certificate '%s', valid until %s%n", this.role.ou(), this.name,
				issued.certificate().getNotAfter().toInstant());
		out().printf("  names:       %s%n", String.join(", ", ShowCommand.alternativeNames(issued.certificate())));
		out().printf("  certificate: %s%n", pair.certificate());
		out().printf("  private key: %s%n", pair.privateKey());
	}

	static final class ServerRoleConverter implements ITypeConverter<CertificateRole> {

		@Override
		public CertificateRole convert(String value) {
			return switch (value) {
				case "brain" -> CertificateRole.BRAIN;
				case "nameserver" -> CertificateRole.NAMESERVER;
				default -> throw new TypeConversionException(
						"unknown server role '" + value + "' (expected brain or nameserver)");
			};
		}

	}

}
