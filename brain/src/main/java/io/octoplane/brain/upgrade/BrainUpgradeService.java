package io.octoplane.brain.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.octoplane.brain.config.BrainIdentity;
import io.octoplane.brain.discovery.DiscoveryProperties;
import io.octoplane.certs.release.ReleaseKeys;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.BrainUpgradeHistory;
import io.octoplane.protocol.api.BrainUpgradeRequest;
import io.octoplane.protocol.api.BrainUpgradeResponse;
import io.octoplane.protocol.api.BrainUpgradeState;
import io.octoplane.server.web.ConflictException;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.UnavailableException;
import io.octoplane.upgrade.HistoryWindow;
import io.octoplane.upgrade.ReleaseInstaller;
import io.octoplane.upgrade.ReleaseRejectedException;
import io.octoplane.upgrade.UpgradeComponent;
import io.octoplane.upgrade.UpgradeHome;
import io.octoplane.upgrade.Upgrades;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * The upgrade commands on this brain's own upgrade home. They change files only; the
 * launcher, a separate process, switches versions a few seconds later, which is what lets
 * the answer reach the operator before this brain stops.
 */
@Service
class BrainUpgradeService {

	private static final Logger logger = LoggerFactory.getLogger(BrainUpgradeService.class);

	private static final Set<String> WITH_VERSION = Set.of("install", "upgrade", "downgrade");

	private static final Set<String> WITHOUT_VERSION = Set.of("confirm", "cancel", "clean");

	private final Optional<LaunchedBrain> launched;

	private final BrainIdentity identity;

	private final DiscoveryProperties discovery;

	private final SslBundles sslBundles;

	private final Clock clock;

	BrainUpgradeService(Environment environment, BrainIdentity identity, DiscoveryProperties discovery,
			SslBundles sslBundles, Clock clock) {
		this.launched = LaunchedBrain.of(environment);
		this.identity = identity;
		this.discovery = discovery;
		this.sslBundles = sslBundles;
		this.clock = clock;
	}

	/** The launcher's settings, if this brain runs under one. */
	Optional<LaunchedBrain> launched() {
		return this.launched;
	}

	BrainUpgradeState state() {
		return state(launchedOrRefuse());
	}

	BrainUpgradeHistory history(HistoryWindow window) {
		try {
			return new BrainUpgradeHistory(this.identity.name(), launchedOrRefuse().home().history(window));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// One action at a time: two operators upgrading at once would race on the home.
	synchronized BrainUpgradeResponse apply(BrainUpgradeRequest request) {
		LaunchedBrain brain = launchedOrRefuse();
		String action = request.action();
		String version = request.version();
		if (WITH_VERSION.contains(action)) {
			if (version == null || version.isBlank()) {
				throw new InvalidRequestException(action + " needs a version");
			}
			try {
				brain.home().release(version);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRequestException(ex.getMessage());
			}
		}
		else if (!WITHOUT_VERSION.contains(action)) {
			throw new InvalidRequestException(
					"unknown action '" + action + "'; use install, upgrade, downgrade, confirm, cancel or clean");
		}
		else if (version != null) {
			throw new InvalidRequestException(action + " takes no version; it acts on the versions the home holds");
		}
		try {
			return carryOut(brain, action, version);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private BrainUpgradeResponse carryOut(LaunchedBrain brain, String action, @Nullable String version)
			throws IOException {
		Upgrades upgrades = new Upgrades(UpgradeComponent.BRAIN, brain.home(), this.clock);
		String name = this.identity.name();
		try {
			return switch (action) {
				case "install" -> {
					install(brain, version);
					yield answer(brain, action, version, false,
							"brain " + name + " installed " + version + "; it runs only after an upgrade to it");
				}
				case "upgrade", "downgrade" -> {
					if ("upgrade".equals(action)) {
						install(brain, version);
					}
					upgrades.preview(version, action);
					logger.warn("Switching to brain {} (preview) in a few seconds: this brain restarts", version);
					yield answer(brain, action, version, true, "brain " + name + " restarts as " + version
							+ " (preview) in a few seconds; confirm it once it has reported itself ready, or it "
							+ "rolls back to " + brain.home().stable().orElse("the stable version") + " by itself");
				}
				case "clean" -> {
					List<String> removed = upgrades.clean();
					yield answer(brain, action, null, false, "brain " + name + (removed.isEmpty()
							? " has no version to clean" : " removed " + String.join(", ", removed)));
				}
				case "confirm" -> {
					String confirmed = upgrades.confirm();
					yield answer(brain, action, confirmed, false,
							"brain " + name + " runs " + confirmed + " as stable");
				}
				default -> {
					String cancelled = upgrades.cancel();
					yield answer(brain, action, cancelled, true, "brain " + name + " goes back to "
							+ brain.home().stable().orElse("the stable version") + " in a few seconds");
				}
			};
		}
		catch (IllegalStateException ex) {
			throw new ConflictException(ex.getMessage());
		}
	}

	private void install(LaunchedBrain brain, @Nullable String version) throws IOException {
		if (version == null || brain.home().installed(version)) {
			return;
		}
		String url = this.discovery.url();
		if (url.isBlank()) {
			throw new ConflictException(
					"this brain has no nameserver (octoplane.nameserver.url) to download releases from");
		}
		PublicKey key;
		try {
			key = ReleaseKeys.readPublicKey(brain.releaseKey());
		}
		catch (IOException ex) {
			throw new ConflictException("cannot read the release public key " + brain.releaseKey() + " ("
					+ ex.getMessage() + "); give the launcher --release-key FILE");
		}
		try {
			new ReleaseInstaller(UpgradeComponent.BRAIN, brain.home(), key).install(URI.create(url),
					this.sslBundles.getBundle(this.discovery.sslBundle()).createSslContext(), version);
		}
		catch (ReleaseRejectedException ex) {
			throw new UpgradeRefusedException(switch (ex.reason()) {
				case NOT_FOUND -> ErrorCode.RELEASE_NOT_FOUND;
				case CHECKSUM_MISMATCH -> ErrorCode.RELEASE_CHECKSUM_MISMATCH;
				case BAD_SIGNATURE -> ErrorCode.RELEASE_SIGNATURE_INVALID;
			}, ex.getMessage());
		}
		catch (IOException ex) {
			throw new UnavailableException(
					"cannot download brain " + version + " from " + url + ": " + ex.getMessage());
		}
		brain.home().record(this.clock.instant(), "install", version, "");
	}

	private BrainUpgradeResponse answer(LaunchedBrain brain, String action, @Nullable String version,
			boolean restarting, String message) {
		return new BrainUpgradeResponse(action, version, restarting, message, state(brain));
	}

	private BrainUpgradeState state(LaunchedBrain brain) {
		UpgradeHome home = brain.home();
		try {
			return new BrainUpgradeState(this.identity.name(), brain.version(), home.stable().orElse(null),
					home.preview().orElse(null), home.healthy().orElse(null), home.installedVersions());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private LaunchedBrain launchedOrRefuse() {
		return this.launched.orElseThrow(() -> new UpgradeRefusedException(ErrorCode.UPGRADE_NOT_LAUNCHED,
				"brain " + this.identity.name() + " does not run under the upgrade launcher, so it cannot be "
						+ "upgraded online; start it with 'java -jar brain.jar upgrade --home DIR launch -- "
						+ "<brain options>'"));
	}

}
