package io.octoplane.client;

import java.net.http.HttpRequest;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.api.NodeFactsResponse;
import io.octoplane.protocol.api.NodeLabelRequest;
import io.octoplane.protocol.api.NodeLabelsResponse;
import io.octoplane.protocol.api.NodeSelectionResponse;
import io.octoplane.protocol.selector.LabelChange;
import io.octoplane.protocol.selector.Selector;

/**
 * Facts, labels and selectors of an {@link OctoplaneClient}. A selector goes into any
 * target list as {@link #target(String)}, next to node names and {@code @group}s:
 *
 * <pre>
 * client.submit(new CommandRequest(List.of(NodeLabelApi.target("site=lab,arch in (arm64,armv7)")), ...));
 * </pre>
 */
public final class NodeLabelApi {

	private final Transport transport;

	NodeLabelApi(Transport transport) {
		this.transport = transport;
	}

	/**
	 * The target list entry that stands for the nodes a selector matches when the brain
	 * reads the list ({@code label:SELECTOR}); it is checked here so a typo fails before
	 * any call.
	 * @param selector the selector, for example {@code site=lab,role!=camera}
	 * @return the entry
	 * @throws io.octoplane.protocol.selector.InvalidSelectorException if the selector
	 * breaks the syntax
	 */
	public static String target(String selector) {
		return Selector.toTarget(Selector.parse(selector).toString());
	}

	/**
	 * A node's facts and labels ({@code GET /api/v1/nodes/{name}/facts}).
	 * @param node the node
	 * @return the facts, fact script errors and labels
	 * @throws OctoplaneApiException with {@code node-not-found} if the node is unknown or
	 * not visible
	 */
	public NodeFactsResponse facts(String node) {
		return this.transport.send(this.transport.request(path(ApiPaths.NODE_FACTS, node), new StringJoiner("&")).GET(),
				this.transport.requestTimeout(), NodeFactsResponse.class);
	}

	/**
	 * A node's labels by source ({@code GET /api/v1/nodes/{name}/labels}).
	 * @param node the node
	 * @return the labels
	 * @throws OctoplaneApiException with {@code node-not-found} if the node is unknown or
	 * not visible
	 */
	public NodeLabelsResponse labels(String node) {
		return this.transport.send(
				this.transport.request(path(ApiPaths.NODE_LABELS, node), new StringJoiner("&")).GET(),
				this.transport.requestTimeout(), NodeLabelsResponse.class);
	}

	/**
	 * Sets and removes operator labels ({@code PATCH /api/v1/nodes/{name}/labels}).
	 * @param node the node
	 * @param change the labels to set and the keys to remove, for example
	 * {@code LabelChange.parse(List.of("site=lab", "role-"))}
	 * @return the labels after the change
	 * @throws OctoplaneApiException with {@code node-not-found} or
	 * {@code invalid-request}
	 */
	public NodeLabelsResponse label(String node, LabelChange change) {
		byte[] body = this.transport.mapper().writeValueAsBytes(new NodeLabelRequest(change.set(), change.remove()));
		return this.transport.send(
				this.transport.request(path(ApiPaths.NODE_LABELS, node), new StringJoiner("&"))
					.header("Content-Type", "application/json")
					.method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body)),
				this.transport.requestTimeout(), NodeLabelsResponse.class);
	}

	/**
	 * The nodes a target list stands for now, without running anything
	 * ({@code GET /api/v1/nodes/selection}).
	 * @param targets node names, {@code @group}s, {@code ALL} and {@link #target}s
	 * @return the nodes, in the order a job would list them
	 * @throws OctoplaneApiException with {@code invalid-request} if a selector or group
	 * matches no node, {@code node-not-found} for an unknown name
	 */
	public NodeSelectionResponse select(Collection<String> targets) {
		StringJoiner query = new StringJoiner("&");
		targets.forEach((target) -> query.add(Transport.param("target", target)));
		return this.transport.send(this.transport.request(ApiPaths.NODE_SELECTION, query).GET(),
				this.transport.requestTimeout(), NodeSelectionResponse.class);
	}

	/**
	 * The nodes a selector matches now.
	 * @param selector the selector
	 * @return the node names, sorted
	 * @throws OctoplaneApiException with {@code invalid-request} if it matches no node
	 */
	public List<String> select(String selector) {
		return select(List.of(target(selector))).nodes();
	}

	private static String path(String template, String node) {
		return template.replace("{name}", Transport.segment(node));
	}

}
