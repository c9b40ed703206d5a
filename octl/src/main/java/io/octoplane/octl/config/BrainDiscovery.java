package io.octoplane.octl.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.octoplane.client.NameserverApi;
import io.octoplane.client.OctoplaneApiException;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.NameEntry;
import io.octoplane.protocol.tls.PemTls;

/**
 * Finds the brain through the nameserver when the config names no brain, as Octopoda's
 * octl did with {@code httpsNameServer}: the brain registers its REST address as the
 * {@code api} metadata of its entry. The nameserver accepts only certificates, so this
 * works with an operator certificate.
 */
final class BrainDiscovery {

	/** The entry a brain registers under unless configured otherwise. */
	static final String DEFAULT_NAME = "brain";

	private BrainDiscovery() {
	}

	static URI find(URI nameserver, String name, OctlCredentials credentials, Path ca, Duration timeout, Path file) {
		if (!"https".equalsIgnoreCase(nameserver.getScheme()) || nameserver.getHost() == null) {
			throw new OctlConfigException("nameserver '" + nameserver + "' in " + file
					+ " must be an https URL with a host, like https://ns.example.org:3455");
		}
		if (!(credentials instanceof OctlCredentials.Certificate certificate)) {
			throw new OctlConfigException("octl config " + file + " names no brain, and the nameserver that would "
					+ "find it accepts only certificates: set 'brain', or log in with cert and key");
		}
		SSLContext tls;
		try {
			tls = PemTls.clientContext(certificate.cert(), certificate.key(), ca);
		}
		catch (Exception ex) {
			throw new OctlConfigException(
					"cannot load the operator TLS material for the nameserver: " + ex.getMessage(), ex);
		}
		NameEntry entry;
		OctoplaneClient client = OctoplaneClient.builder()
			.baseUri(nameserver)
			.sslContext(tls)
			.requestTimeout(timeout)
			.build();
		try {
			entry = NameserverApi.of(client).query(name);
		}
		catch (OctoplaneApiException ex) {
			if (ex.httpStatus() == 404 || ex.errorCode().filter(ErrorCode.NAME_NOT_FOUND::equals).isPresent()) {
				throw new OctlConfigException("the nameserver " + nameserver + " knows no brain named '" + name
						+ "' (octl config " + file + "); is it running and registered, or is brainName another?", ex);
			}
			throw ex;
		}
		String api = entry.metadata().get("api");
		if (api == null || api.isBlank()) {
			throw new OctlConfigException("the nameserver's entry '" + name + "' has no REST address ('api'); set "
					+ "'brain' in octl config " + file);
		}
		try {
			return URI.create("https://" + api.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new OctlConfigException("the nameserver's entry '" + name + "' has an invalid REST address '" + api
					+ "': " + ex.getMessage(), ex);
		}
	}

}
