package io.octoplane.octl.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.octoplane.client.OctoplaneClient;
import io.octoplane.octl.config.OctlConfig;
import io.octoplane.octl.config.OctlCredentials;

/**
 * Clients the daemon keeps between calls, one per configuration, so a call reuses the
 * open TLS connection to the brain instead of shaking hands again. A client is made anew
 * when its configuration or any of its certificate, key or CA files changes (a renewed
 * certificate is used at once).
 */
final class WarmClients {

	private static final int MAX_CLIENTS = 8;

	private final Map<Key, OctoplaneClient> clients = new LinkedHashMap<>(16, 0.75f, true) {

		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<Key, OctoplaneClient> eldest) {
			return size() > MAX_CLIENTS;
		}

	};

	synchronized OctoplaneClient clientFor(OctlConfig config) {
		return this.clients.computeIfAbsent(new Key(config, stamps(config)), (key) -> config.client());
	}

	private static List<String> stamps(OctlConfig config) {
		List<Path> files = new ArrayList<>();
		files.add(config.ca());
		if (config.credentials() instanceof OctlCredentials.Certificate certificate) {
			files.add(certificate.cert());
			files.add(certificate.key());
		}
		List<String> stamps = new ArrayList<>();
		for (Path file : files) {
			try {
				stamps.add(file + "@" + Files.getLastModifiedTime(file).toMillis() + "@" + Files.size(file));
			}
			catch (IOException ex) {
				// Unreadable now: the client made from it reports the reason.
				stamps.add(file + "@missing");
			}
		}
		return stamps;
	}

	private record Key(OctlConfig config, List<String> stamps) {
	}

}
