package io.octoplane.tentacle.upgrade;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;

import io.octoplane.protocol.tls.PemTls;
import io.octoplane.tentacle.config.Discovery;
import io.octoplane.tentacle.config.TentacleConfig;
import io.octoplane.upgrade.ReleaseSource;
import org.jspecify.annotations.Nullable;

/**
 * Downloads for {@code tentacle upgrade install}: the nameserver of the tentacle's
 * {@code tentacle.yaml} ({@code --config}), with the node's own certificate.
 */
public final class TentacleReleaseSource implements ReleaseSource {

	private final Map<String, String> env;

	/**
	 * Creates the source.
	 * @param env the process environment, which may override the configuration file
	 */
	public TentacleReleaseSource(Map<String, String> env) {
		this.env = Map.copyOf(env);
	}

	@Override
	public Nameserver nameserver(@Nullable Path config) throws IOException, GeneralSecurityException {
		TentacleConfig tentacle = TentacleConfig.load(config, this.env);
		Discovery discovery = tentacle.discovery();
		if (discovery == null) {
			throw new IllegalStateException("no nameserver in " + config + " to download releases from");
		}
		return new Nameserver(discovery.nameserver(),
				PemTls.clientContext(tentacle.cert(), tentacle.key(), tentacle.ca()));
	}

}
