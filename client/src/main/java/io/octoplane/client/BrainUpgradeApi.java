package io.octoplane.client;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.StringJoiner;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.BrainUpgradeHistory;
import io.octoplane.protocol.api.BrainUpgradeRequest;
import io.octoplane.protocol.api.BrainUpgradeResponse;
import io.octoplane.protocol.api.BrainUpgradeState;
import org.jspecify.annotations.Nullable;

/**
 * Online upgrade of the brain a client talks to (root workgroup only; others get
 * {@code not-found}). With several brains behind one address, each call may reach a
 * different one: the answers name the brain.
 */
public final class BrainUpgradeApi {

	private final Transport transport;

	BrainUpgradeApi(Transport transport) {
		this.transport = transport;
	}

	/**
	 * The brain's upgrade home.
	 * @return running, stable, preview and healthy versions and what is installed
	 * @throws OctoplaneApiException with {@code upgrade-not-launched} if the brain does
	 * not run under the upgrade launcher
	 * @throws OctoplaneConnectionException if the brain could not be reached, as while it
	 * restarts
	 */
	public BrainUpgradeState state() {
		return this.transport.send(this.transport.request(ApiPaths.BRAIN_UPGRADE, new StringJoiner("&")).GET(),
				this.transport.requestTimeout(), BrainUpgradeState.class);
	}

	/**
	 * What happened in the brain's upgrade home, oldest first.
	 * @return the history
	 */
	public BrainUpgradeHistory history() {
		return history(null, null);
	}

	/**
	 * Part of what happened in the brain's upgrade home, oldest first.
	 * @param since only lines from this time on, or {@code null} for the latest lines
	 * @param limit at most this many lines (the first from {@code since}, else the last),
	 * or {@code null} for all
	 * @return the history
	 */
	public BrainUpgradeHistory history(@Nullable Instant since, @Nullable Integer limit) {
		StringJoiner query = new StringJoiner("&");
		if (since != null) {
			query.add(Transport.param("since", since.toString()));
		}
		if (limit != null) {
			query.add("limit=" + limit);
		}
		return this.transport.send(this.transport.request(ApiPaths.BRAIN_UPGRADE_HISTORY, query).GET(),
				this.transport.requestTimeout(), BrainUpgradeHistory.class);
	}

	/**
	 * Installs, upgrades to, downgrades to, confirms or cancels a brain version. Upgrade,
	 * downgrade and cancel restart the brain a few seconds after the answer.
	 * @param request the action and version
	 * @return what happened and the home's new state
	 * @throws OctoplaneApiException with {@code conflict} if the home does not allow the
	 * action now, or a {@code release-*} code if the release was refused
	 */
	public BrainUpgradeResponse apply(BrainUpgradeRequest request) {
		byte[] body = this.transport.mapper().writeValueAsBytes(request);
		return this.transport.send(
				this.transport.request(ApiPaths.BRAIN_UPGRADE, new StringJoiner("&"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofByteArray(body)),
				this.transport.requestTimeout(), BrainUpgradeResponse.class);
	}

}
