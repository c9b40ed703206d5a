package io.octoplane.octl.sdk;

import java.net.http.HttpRequest;

/**
 * How {@link OctoplaneClient} proves who the operator is on each request. With mutual TLS
 * the proof travels in the handshake (the client certificate of the
 * {@link javax.net.ssl.SSLContext}), so {@link #mutualTls()} adds nothing to requests;
 * HTTP Basic or bearer tokens plug in here by setting the {@code Authorization} header.
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
		return (request) -> {
		};
	}

}
