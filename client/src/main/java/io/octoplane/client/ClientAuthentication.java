package io.octoplane.client;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * How {@link OctoplaneClient} proves who the operator is on each request. With mutual TLS
 * the proof travels in the handshake (the client certificate of the
 * {@link javax.net.ssl.SSLContext}), so {@link #mutualTls()} adds nothing to requests;
 * {@link #basic HTTP Basic} (a workgroup path and its password) and {@link #bearer bearer
 * API tokens} set the {@code Authorization} header. With those two the TLS context only
 * needs to trust the brain's CA ({@code PemTls.trustOnly(ca)}).
 *
 * <p>
 * The built-in authentications never show their secret: not in {@code toString()}, not in
 * exception messages.
 */
@FunctionalInterface
public interface ClientAuthentication {

	/**
	 * Adds credentials to a request about to be sent.
	 * @param request the request being built
	 */
	void apply(HttpRequest.Builder request);

	/**
	 * Authentication by the client certificate of the TLS context alone.
	 * @return an authentication that leaves requests unchanged
	 */
	static ClientAuthentication mutualTls() {
		return MutualTls.INSTANCE;
	}

	/**
	 * HTTP Basic authentication as a workgroup: the user is the workgroup's path, the
	 * password the one set with {@code octl wg grant}. Calls act in that workgroup unless
	 * {@link OctoplaneClient.Builder#workgroup(String)} names one below it.
	 * @param user the workgroup path, such as {@code /lab/pis}
	 * @param password the workgroup's password
	 * @return an authentication sending {@code Authorization: Basic ...}
	 * @throws IllegalArgumentException if the user is blank or holds a colon, or the
	 * password is empty (the message never contains the password)
	 */
	static ClientAuthentication basic(String user, String password) {
		return new Basic(user, password);
	}

	/**
	 * Bearer authentication with an operator API token ({@code octl token create --role
	 * operator}); calls act in the token's workgroup.
	 * @param token the token's secret
	 * @return an authentication sending {@code Authorization: Bearer ...}
	 * @throws IllegalArgumentException if the token is blank or holds characters a header
	 * cannot carry (the message never contains the token)
	 */
	static ClientAuthentication bearer(String token) {
		return new Bearer(token);
	}

	/** The client certificate of the TLS context is the credential. */
	final class MutualTls implements ClientAuthentication {

		private static final MutualTls INSTANCE = new MutualTls();

		private MutualTls() {
		}

		@Override
		public void apply(HttpRequest.Builder request) {
		}

		@Override
		public String toString() {
			return "ClientAuthentication.mutualTls()";
		}

	}

	/** HTTP Basic with a workgroup path and its password. */
	final class Basic implements ClientAuthentication {

		private final String user;

		private final String header;

		private Basic(String user, String password) {
			Objects.requireNonNull(user, "user must not be null");
			Objects.requireNonNull(password, "password must not be null");
			if (user.isBlank()) {
				throw new IllegalArgumentException("user must not be blank");
			}
			if (user.indexOf(':') >= 0) {
				throw new IllegalArgumentException("user '" + user + "' must not contain ':'");
			}
			if (password.isEmpty()) {
				throw new IllegalArgumentException("password must not be empty");
			}
			this.user = user;
			// The brain decodes UTF-8 (it announces charset="UTF-8" in WWW-Authenticate).
			this.header = "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		}

		/** The user, a workgroup path. */
		public String user() {
			return this.user;
		}

		@Override
		public void apply(HttpRequest.Builder request) {
			request.setHeader("Authorization", this.header);
		}

		@Override
		public String toString() {
			return "ClientAuthentication.basic(user=" + this.user + ", password=(hidden))";
		}

	}

	/** A bearer API token. */
	final class Bearer implements ClientAuthentication {

		private final String header;

		private Bearer(String token) {
			Objects.requireNonNull(token, "token must not be null");
			String trimmed = token.strip();
			if (trimmed.isEmpty()) {
				throw new IllegalArgumentException("token must not be blank");
			}
			for (int i = 0; i < trimmed.length(); i++) {
				char c = trimmed.charAt(i);
				if (c <= ' ' || c > '~') {
					throw new IllegalArgumentException(
							"token must be printable ASCII without spaces (character " + (i + 1) + " is not)");
				}
			}
			this.header = "Bearer " + trimmed;
		}

		@Override
		public void apply(HttpRequest.Builder request) {
			request.setHeader("Authorization", this.header);
		}

		@Override
		public String toString() {
			return "ClientAuthentication.bearer((hidden))";
		}

	}

}
