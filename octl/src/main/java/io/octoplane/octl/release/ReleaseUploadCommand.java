package io.octoplane.octl.release;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;

import io.octoplane.certs.release.ReleaseKeys;
import io.octoplane.certs.release.ReleaseSignature;
import io.octoplane.octl.ExitException;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.octl.config.DurationConverter;
import io.octoplane.octl.ns.NameserverTarget;
import io.octoplane.protocol.api.ReleaseInfo;
import io.octoplane.protocol.api.ReleaseListResponse;
import io.octoplane.protocol.digest.Sha256;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code octl release upload}: hashes a package, signs component, version and hash with
 * the release key (which never leaves this machine), and uploads it.
 */
@Command(name = "upload",
		description = { "Sign a release package with the release key and upload it.",
				"The nameserver keeps it only if the signature verifies against its release public key and the bytes "
						+ "it received have the signed SHA-256. A version, once uploaded, cannot change." },
		footerHeading = "%nExamples:%n",
		footer = { "  octl release upload tentacle 1.1.0 octoplane-tentacle-1.1.0-exec.jar --key release-key.pem" })
public final class ReleaseUploadCommand extends OctlCommand {

	@Mixin
	private NameserverTarget target;

	@Parameters(index = "0", paramLabel = "COMPONENT", description = "tentacle or brain.")
	private String component;

	@Parameters(index = "1", paramLabel = "VERSION", description = "The release's version, such as 1.1.0.")
	private String version;

	@Parameters(index = "2", paramLabel = "FILE", description = "The package: the component's executable jar.")
	private Path file;

	@Option(names = "--key", required = true, paramLabel = "FILE",
			description = "The release private key, made by 'certs release-key'.")
	private Path key;

	@Option(names = "--upload-timeout", paramLabel = "DURATION", defaultValue = "10m",
			converter = DurationConverter.class,
			description = "How long the upload may take (default: ${DEFAULT-VALUE}).")
	private Duration uploadTimeout;

	@Override
	protected int execute(Octl octl) throws IOException, GeneralSecurityException {
		PrivateKey privateKey;
		try {
			privateKey = ReleaseKeys.readPrivateKey(octl.resolve(this.key));
		}
		catch (IOException ex) {
			throw new ExitException(ExitStatus.INVALID_INPUT, "cannot read the release key " + this.key + ": " + ex);
		}
		Path file = octl.resolve(this.file);
		String sha256 = sha256(file);
		String signature = ReleaseSignature.sign(privateKey, this.component, this.version, sha256);
		ReleaseInfo release = this.target.api(octl)
			.upload(this.component, this.version, file, sha256, signature, this.uploadTimeout);
		octl.printer(spec())
			.print(release, (shown) -> ReleaseListCommand.table(new ReleaseListResponse(List.of(shown))));
		return ExitStatus.OK;
	}

	private static String sha256(Path file) throws IOException {
		try {
			return Sha256.of(file);
		}
		catch (NoSuchFileException ex) {
			throw new ExitException(ExitStatus.INVALID_INPUT, "no such package file: " + file);
		}
	}

}
