package io.octoplane.certs.cli;

import java.io.IOException;
import java.util.List;

import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.IssueRequest;
import io.octoplane.certs.IssuedCertificate;
import io.octoplane.certs.PemPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code certs client}: issues an operator client certificate for octl.
 */
@Command(name = "client", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = { "Issues an operator client certificate: NAME.pem and NAME-key.pem.", "",
				"octl can present it to the brain's REST API instead of a password. It cannot be used "
						+ "by a tentacle: the brain accepts only node certificates on the agent port." })
class ClientCommand extends CertsSubcommand {

	@Parameters(index = "0", paramLabel = "NAME", description = "Operator name, written as the certificate's CN.")
	String name;

	@Option(names = "--days", paramLabel = "DAYS", defaultValue = "365",
			description = "How many days the certificate is valid. Default: ${DEFAULT-VALUE}.")
	int days;

	@Mixin
	IssueOptions options;

	@Override
	void execute() throws IOException {
		IssueRequest request = IssueRequest.of(CertificateRole.OPERATOR, this.name, validity(this.days), clock())
			.withKeyType(this.options.keyType);
		this.options.refuseExisting(List.of(this.name));
		IssuedCertificate issued = this.options.loadCa(clock()).issue(request);
		PemPair pair = this.options.write(issued, this.name);
		out().printf("Issued operator certificate '%s', valid until %s: %s, %s%n", this.name,
				issued.certificate().getNotAfter().toInstant(), pair.certificate(), pair.privateKey());
	}

}
