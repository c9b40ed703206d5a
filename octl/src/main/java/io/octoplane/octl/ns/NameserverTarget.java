package io.octoplane.octl.ns;

import java.net.URI;

import io.octoplane.client.NameserverApi;
import io.octoplane.client.OctoplaneClient;
import io.octoplane.octl.Octl;
import io.octoplane.octl.config.OctlConfig;
import io.octoplane.octl.config.OctlConfigException;
import io.octoplane.octl.config.OctlCredentials;
import io.octoplane.protocol.DefaultPorts;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The {@code --nameserver} option shared by the nameserver and release commands, and the
 * client it leads to.
 */
public final class NameserverTarget {

	static final String ENV_NAMESERVER = "OCTL_NAMESERVER";

	@Option(names = "--nameserver", paramLabel = "URL",
			description = "The nameserver, https://host:port (default: $OCTL_NAMESERVER, else port 3455 on the "
					+ "brain's host).")
	private @Nullable String url;

	/**
	 * A client for the chosen nameserver with the operator certificate of the octl
	 * config.
	 * @param octl the running octl
	 * @return the nameserver calls
	 * @throws OctlConfigException if the config has no certificate or the URL is invalid
	 */
	public NameserverApi api(Octl octl) {
		OctlConfig config = octl.config();
		if (!(config.credentials() instanceof OctlCredentials.Certificate)) {
			throw new OctlConfigException("the nameserver accepts only certificates: set cert and key (an operator "
					+ "certificate) in the octl config");
		}
		return NameserverApi.of(OctoplaneClient.builder()
			.baseUri(uri(octl, config))
			.sslContext(config.sslContext())
			.requestTimeout(config.timeout())
			.build());
	}

	private URI uri(Octl octl, OctlConfig config) {
		String text = (this.url != null) ? this.url : octl.env(ENV_NAMESERVER);
		if (text == null) {
			String host = config.brain().getHost();
			return URI
				.create("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + DefaultPorts.NAMESERVER);
		}
		URI uri;
		try {
			uri = URI.create(text.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new OctlConfigException("nameserver '" + text + "' is not a URL: " + ex.getMessage());
		}
		if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
			throw new OctlConfigException("nameserver '" + text + "' must be an https:// URL with a host");
		}
		return uri;
	}

}
