package io.octoplane.certs.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

import io.octoplane.certs.release.ReleaseKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code certs release-key}: makes the key that signs release packages for online
 * upgrades.
 */
@Command(name = "release-key", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = { "Creates an Ed25519 release key: DIR/release-key.pem and DIR/release-key.pub.pem.", "",
				"octl release upload signs packages with release-key.pem; keep it off the servers. The nameserver "
						+ "and every tentacle get release-key.pub.pem and accept only packages it verifies." })
class ReleaseKeyCommand extends CertsSubcommand {

	@Option(names = "--out", required = true, paramLabel = "DIR",
			description = "Directory to write the key files to; created if missing.")
	Path out;

	@Option(names = "--force", description = "Replace an existing release key. Packages signed with the old one "
			+ "are refused wherever the new public key is installed.")
	boolean force;

	@Override
	void execute() throws IOException, GeneralSecurityException {
		Path privateKey = this.out.resolve("release-key.pem");
		Path publicKey = this.out.resolve("release-key.pub.pem");
		ReleaseKeys.write(privateKey, publicKey, ReleaseKeys.generate(), this.force);
		out().printf("Created release key%n");
		out().printf("  private key: %s (signs releases; keep secret)%n", privateKey);
		out().printf("  public key:  %s (install on the nameserver and every tentacle)%n", publicKey);
	}

}
