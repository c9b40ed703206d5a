package io.octoplane.octl.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import io.octoplane.client.ClientAuthentication;
import io.octoplane.protocol.workgroup.WorkgroupPaths;

/**
 * How octl logs in to the brain: exactly one of an operator certificate, a workgroup
 * password or an API token. The secrets never appear in {@code toString()}.
 */
public sealed interface OctlCredentials {

	/** The authentication the SDK client sends with every call. */
	ClientAuthentication authentication();

	/**
	 * The workgroup these credentials act in by default, when octl can know it without
	 * asking the brain.
	 * @return {@code /} for a certificate, the user for a password, empty for a token
	 */
	Optional<String> home();

	/**
	 * An operator client certificate and its key (mutual TLS); acts as the root
	 * workgroup.
	 *
	 * @param cert the certificate, PEM
	 * @param key the private key, PEM
	 */
	record Certificate(Path cert, Path key) implements OctlCredentials {

		public Certificate {
			Objects.requireNonNull(cert, "cert must not be null");
			Objects.requireNonNull(key, "key must not be null");
		}

		@Override
		public ClientAuthentication authentication() {
			return ClientAuthentication.mutualTls();
		}

		@Override
		public Optional<String> home() {
			return Optional.of(WorkgroupPaths.ROOT);
		}

	}

	/**
	 * A workgroup path and its password (HTTP Basic).
	 *
	 * @param user the workgroup path, such as {@code /lab/pis}
	 * @param password the password
	 */
	record Password(String user, String password) implements OctlCredentials {

		public Password {
			Objects.requireNonNull(user, "user must not be null");
			Objects.requireNonNull(password, "password must not be null");
		}

		@Override
		public ClientAuthentication authentication() {
			return ClientAuthentication.basic(this.user, this.password);
		}

		@Override
		public Optional<String> home() {
			return Optional.of(this.user);
		}

		@Override
		public String toString() {
			return "Password[user=" + this.user + ", password=(hidden)]";
		}

	}

	/**
	 * An operator API token (bearer); acts as the workgroup it was created in.
	 *
	 * @param token the token's secret
	 */
	record Token(String token) implements OctlCredentials {

		public Token {
			Objects.requireNonNull(token, "token must not be null");
		}

		@Override
		public ClientAuthentication authentication() {
			return ClientAuthentication.bearer(this.token);
		}

		@Override
		public Optional<String> home() {
			return Optional.empty();
		}

		@Override
		public String toString() {
			return "Token[(hidden)]";
		}

	}

}
