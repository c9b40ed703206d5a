package io.octoplane.client;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.NodeappListResponse;
import io.octoplane.protocol.api.NodeappResponse;
import io.octoplane.protocol.api.ResetRequest;
import io.octoplane.protocol.api.ScenarioApplyRequest;
import io.octoplane.protocol.api.ScenarioApplyResponse;
import io.octoplane.protocol.api.ScenarioInfo;
import io.octoplane.protocol.api.ScenarioListResponse;
import io.octoplane.protocol.api.ScenarioVersionsResponse;

/**
 * Scenario and nodeapp calls of an {@link OctoplaneClient}. Apply and reset wait for
 * every script on every node, so they get a long time limit of their own.
 */
public final class ScenarioApi {

	/** How long an apply or reset may take before the client gives up waiting. */
	public static final Duration APPLY_TIMEOUT = Duration.ofHours(1);

	private final Transport transport;

	ScenarioApi(Transport transport) {
		this.transport = transport;
	}

	/**
	 * Runs a target of a scenario folder (or prepare and start).
	 * @param name the scenario's name
	 * @param request the packed folder's digest (stage it first with
	 * {@link FileApi#stage}), target and message
	 * @return every step and node's result; {@code succeeded} tells if all went well
	 */
	public ScenarioApplyResponse apply(String name, ScenarioApplyRequest request) {
		return post(ApiPaths.SCENARIO_APPLY.replace("{name}", Transport.segment(name)), request,
				ScenarioApplyResponse.class);
	}

	/**
	 * Lists the acting workgroup's scenarios.
	 * @return them, by name
	 */
	public ScenarioListResponse list() {
		return this.transport.send(this.transport.request(ApiPaths.SCENARIOS, new StringJoiner("&")).GET(),
				this.transport.requestTimeout(), ScenarioListResponse.class);
	}

	/**
	 * One scenario as its current version describes it.
	 * @param name the scenario's name
	 * @return it
	 */
	public ScenarioInfo get(String name) {
		return this.transport.send(this.transport
			.request(ApiPaths.SCENARIO.replace("{name}", Transport.segment(name)), new StringJoiner("&"))
			.GET(), this.transport.requestTimeout(), ScenarioInfo.class);
	}

	/**
	 * Removes a scenario's record and version history from the brain; its nodeapps stay
	 * on the nodes.
	 * @param name the scenario's name
	 */
	public void delete(String name) {
		this.transport.sendNoContent(this.transport
			.request(ApiPaths.SCENARIO.replace("{name}", Transport.segment(name)), new StringJoiner("&"))
			.DELETE());
	}

	/**
	 * A page of a scenario's versions, newest first.
	 * @param name the scenario's name
	 * @param offset how many of the newest to skip
	 * @param limit how many at most
	 * @return the page and the total
	 */
	public ScenarioVersionsResponse versions(String name, int offset, int limit) {
		return this.transport.send(this.transport
			.request(ApiPaths.SCENARIO_VERSIONS.replace("{name}", Transport.segment(name)),
					new StringJoiner("&").add("offset=" + offset).add("limit=" + limit))
			.GET(), this.transport.requestTimeout(), ScenarioVersionsResponse.class);
	}

	/**
	 * Brings back an earlier version of a scenario and all its nodeapps, as a new
	 * version.
	 * @param name the scenario's name
	 * @param request the version (prefix) and a message
	 * @return the steps and the new version
	 */
	public ScenarioApplyResponse reset(String name, ResetRequest request) {
		return post(ApiPaths.SCENARIO_RESET.replace("{name}", Transport.segment(name)), request,
				ScenarioApplyResponse.class);
	}

	/**
	 * The nodeapps on a node, from the current scenario versions.
	 * @param node the node
	 * @return them, each with its recorded commit
	 */
	public List<NodeappResponse> nodeapps(String node) {
		return this.transport
			.send(this.transport
				.request(ApiPaths.NODEAPPS.replace("{node}", Transport.segment(node)), new StringJoiner("&"))
				.GET(), APPLY_TIMEOUT, NodeappListResponse.class)
			.nodeapps();
	}

	/**
	 * A page of a nodeapp's git history, newest first, read on its node.
	 * @param node the node
	 * @param nodeapp {@code <app>@<scenario>}
	 * @param offset how many of the newest to skip
	 * @param limit how many at most
	 * @return its head, the page and the total
	 */
	public NodeappResponse nodeappVersions(String node, String nodeapp, int offset, int limit) {
		return this.transport.send(this.transport
			.request(nodeappPath(ApiPaths.NODEAPP_VERSIONS, node, nodeapp),
					new StringJoiner("&").add("offset=" + offset).add("limit=" + limit))
			.GET(), APPLY_TIMEOUT, NodeappResponse.class);
	}

	/**
	 * Resets one nodeapp to an earlier commit, as a new commit.
	 * @param node the node
	 * @param nodeapp {@code <app>@<scenario>}
	 * @param request the commit (prefix) and a message
	 * @return its history afterwards
	 */
	public NodeappResponse resetNodeapp(String node, String nodeapp, ResetRequest request) {
		return post(nodeappPath(ApiPaths.NODEAPP_RESET, node, nodeapp), request, NodeappResponse.class);
	}

	private static String nodeappPath(String template, String node, String nodeapp) {
		return template.replace("{node}", Transport.segment(node)).replace("{app}", Transport.segment(nodeapp));
	}

	private <T> T post(String path, Object body, Class<T> type) {
		byte[] bytes = this.transport.mapper().writeValueAsBytes(body);
		return this.transport.send(this.transport.request(path, new StringJoiner("&"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), APPLY_TIMEOUT, type);
	}

}
