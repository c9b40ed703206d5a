package io.octoplane.certs.cli;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.octoplane.certs.CertificateAuthority;
import io.octoplane.certs.CertificateRole;
import io.octoplane.certs.IssueRequest;
import io.octoplane.certs.IssuedCertificate;
import io.octoplane.certs.PemPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code certs node}: issues tentacle client certificates, several at once.
 */
@Command(name = "node", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = { "Issues node (tentacle) client certificates: NAME.pem and NAME-key.pem for each NAME.", "",
				"The brain knows a tentacle by the name in its certificate, never by a name the tentacle "
						+ "claims, so each node needs its own certificate. Names are 1 to 63 letters, digits, "
						+ "'.', '_' or '-', starting with a letter or digit. Nothing is written unless every "
						+ "name is valid and none of the files exists (or --force is given)." })
class NodeCommand extends CertsSubcommand {

	@Parameters(arity = "1..*", paramLabel = "NAME", description = "Node names, written as the certificates' CN.")
	List<String> names;

	@Option(names = "--days", paramLabel = "DAYS", defaultValue = "365",
			description = "How many days the certificates are valid. Default: ${DEFAULT-VALUE}.")
	int days;

	@Mixin
	IssueOptions options;

	@Override
	void execute() throws IOException {
		Set<String> unique = new LinkedHashSet<>(this.names);
		Duration validity = validity(this.days);
		List<IssueRequest> requests = unique.stream()
			.map((name) -> IssueRequest.of(CertificateRole.NODE, name, validity, clock())
				.withKeyType(this.options.keyType))
			.toList();
		this.options.refuseExisting(unique);
		CertificateAuthority ca = this.options.loadCa(clock());
		for (IssueRequest request : requests) {
			IssuedCertificate issued = ca.issue(request);
			PemPair pair = this.options.write(issued, request.commonName());
			out().printf("Issued node certificate '%s', valid until %s: %s, %s%n", request.commonName(),
					issued.certificate().getNotAfter().toInstant(), pair.certificate(), pair.privateKey());
		}
	}

}
