package io.octoplane.upgrade;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

/**
 * Where the upgrade commands download releases from, and with which TLS identity: the
 * part of {@code upgrade install} that depends on the component's own configuration.
 */
@FunctionalInterface
public interface ReleaseSource {

	/**
	 * Finds the nameserver and the client identity for a download.
	 * @param config the {@code --config} file given to the upgrade commands, if any
	 * @return the nameserver and TLS context
	 * @throws IllegalStateException if this component's configuration names no nameserver
	 * or cannot download from the command line; the message says what to do
	 * @throws IOException if the configuration cannot be read
	 * @throws GeneralSecurityException if the certificate or key cannot be loaded
	 */
	Nameserver nameserver(@Nullable Path config) throws IOException, GeneralSecurityException;

	/**
	 * A nameserver to download from.
	 *
	 * @param uri its HTTPS address
	 * @param context the TLS context with the downloader's client certificate
	 */
	record Nameserver(URI uri, SSLContext context) {

		public Nameserver {
			Objects.requireNonNull(uri, "uri must not be null");
			Objects.requireNonNull(context, "context must not be null");
		}

	}

}
