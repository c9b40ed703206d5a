package io.octoplane.tentacle;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The enrollment flags, declared once for the agent ({@code tentacle --join-token T}) and
 * for {@code tentacle enroll --token T}; both spellings of the token flag work in both
 * places. Flags given after {@code enroll} win over those given before it.
 */
final class EnrollmentOptions {

	@Option(names = { "--join-token", "--token" }, paramLabel = "TOKEN",
			description = "join token from 'octl token create --role node', used when cert and key do not "
					+ "exist yet (prefer OCTOPLANE_JOIN_TOKEN: flags are visible to other users in ps)")
	@Nullable String joinToken;

	@Option(names = "--name", paramLabel = "NAME", description = "node name to enroll as")
	@Nullable String name;

	@Option(names = "--brain-api", paramLabel = "URL",
			description = "brain REST API for enrollment (default https://<brain host>:12345)")
	@Nullable String brainApi;

	/**
	 * These flags, each falling back to the one given earlier on the command line.
	 * @param earlier the flags given before the subcommand
	 * @return the merged flags
	 */
	EnrollmentOptions over(EnrollmentOptions earlier) {
		EnrollmentOptions merged = new EnrollmentOptions();
		merged.joinToken = (this.joinToken != null) ? this.joinToken : earlier.joinToken;
		merged.name = (this.name != null) ? this.name : earlier.name;
		merged.brainApi = (this.brainApi != null) ? this.brainApi : earlier.brainApi;
		return merged;
	}

}
