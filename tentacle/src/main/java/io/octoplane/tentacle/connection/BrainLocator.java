package io.octoplane.tentacle.connection;

import java.io.IOException;

import javax.net.ssl.SSLContext;

import io.octoplane.tentacle.config.BrainAddress;

/**
 * Decides which brain address the next dial goes to, and learns from how each dial went.
 * The plain case is one configured address; discovery through the nameserver keeps the
 * last address that worked so that a nameserver outage never stops a tentacle.
 */
public interface BrainLocator {

	/**
	 * The address to dial next.
	 * @param context the node's current TLS identity, for asking a nameserver
	 * @return the address
	 * @throws IOException if no address is known at all, for example when the nameserver
	 * cannot be reached and nothing is cached or configured
	 */
	BrainAddress next(SSLContext context) throws IOException;

	/**
	 * The TLS handshake with this address succeeded.
	 * @param brain the address dialled
	 */
	void reached(BrainAddress brain);

	/**
	 * Dialling this address failed.
	 * @param brain the address dialled
	 */
	void failed(BrainAddress brain);

	/**
	 * A locator that always answers the same address.
	 * @param brain the brain's agent address
	 * @return the locator
	 */
	static BrainLocator fixed(BrainAddress brain) {
		return new BrainLocator() {

			@Override
			public BrainAddress next(SSLContext context) {
				return brain;
			}

			@Override
			public void reached(BrainAddress reached) {
			}

			@Override
			public void failed(BrainAddress failed) {
			}

		};
	}

}
