package io.octoplane.server.security;

/**
 * What every server knows of an authenticated caller, whatever proved it (a client
 * certificate, a password, a token); each server's own caller type adds what only it
 * needs, such as a workgroup or a certificate role.
 */
public interface CallerIdentity {

	/**
	 * Who calls: safe to log, never a secret.
	 * @return the name, such as a certificate's common name
	 */
	String name();

	/**
	 * Where the call comes from.
	 * @return the caller's address
	 */
	String source();

}
