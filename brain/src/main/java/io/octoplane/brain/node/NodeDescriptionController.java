package io.octoplane.brain.node;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.octoplane.brain.security.AuditTargets;
import io.octoplane.brain.security.Caller;
import io.octoplane.brain.web.TargetParameters;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.ApiPaths;
import io.octoplane.protocol.ErrorCode;
import io.octoplane.protocol.api.NodeFactsResponse;
import io.octoplane.protocol.api.NodeLabelRequest;
import io.octoplane.protocol.api.NodeLabelsResponse;
import io.octoplane.protocol.api.NodeSelectionResponse;
import io.octoplane.protocol.selector.InvalidSelectorException;
import io.octoplane.protocol.selector.LabelChange;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.server.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What nodes are over REST: their facts, their labels (which operators change), and the
 * nodes a target list with selectors stands for. A node outside the caller's workgroup is
 * answered exactly like an unknown one.
 */
@RestController
class NodeDescriptionController {

	private final NodeService nodes;

	private final NodeDescriptionRepository descriptions;

	private final WorkgroupService workgroups;

	NodeDescriptionController(NodeService nodes, NodeDescriptionRepository descriptions, WorkgroupService workgroups) {
		this.nodes = nodes;
		this.descriptions = descriptions;
		this.workgroups = workgroups;
	}

	/** A node's facts, fact script errors and labels. */
	@GetMapping(ApiPaths.NODE_FACTS)
	NodeFactsResponse facts(@PathVariable String name, HttpServletRequest http) {
		requireVisible(name, http);
		return this.descriptions.facts(name);
	}

	/** A node's labels, merged and by source. */
	@GetMapping(ApiPaths.NODE_LABELS)
	NodeLabelsResponse labels(@PathVariable String name, HttpServletRequest http) {
		requireVisible(name, http);
		return this.descriptions.labels(name);
	}

	/**
	 * Sets and removes operator labels of a node; they stay across reconnects and brain
	 * restarts, and override a label of the same key in the node's configuration.
	 */
	@PatchMapping(ApiPaths.NODE_LABELS)
	NodeLabelsResponse label(@PathVariable String name, @RequestBody NodeLabelRequest request,
			HttpServletRequest http) {
		AuditTargets.set(http, List.of(name));
		LabelChange change;
		try {
			change = new LabelChange(request.set(), request.remove());
		}
		catch (InvalidSelectorException ex) {
			throw new InvalidRequestException(ex.getMessage());
		}
		if (change.set().isEmpty() && change.remove().isEmpty()) {
			throw new InvalidRequestException("set or remove at least one label");
		}
		AuditTargets.describe(http, "labels " + describe(change));
		requireVisible(name, http);
		this.descriptions.changeLabels(name, change.set(), change.remove());
		return this.descriptions.labels(name);
	}

	/**
	 * The nodes a target list stands for now, as a job would be sent to them; the time
	 * the selection took is in the {@code Server-Timing} header.
	 */
	@GetMapping(ApiPaths.NODE_SELECTION)
	NodeSelectionResponse selection(@RequestParam(name = "target", defaultValue = "") List<String> documented,
			HttpServletRequest http, HttpServletResponse response) {
		List<String> targets = TargetParameters.of(http, "target");
		String workgroup = Caller.of(http).workgroup();
		long started = System.nanoTime();
		List<String> expanded = this.workgroups.expandTargets(workgroup, targets);
		double millis = (System.nanoTime() - started) / 1e6;
		response.setHeader("Server-Timing", String.format(Locale.ROOT, "select;dur=%.2f", millis));
		Set<String> visible = this.workgroups.visibleNodes(workgroup);
		List<String> unknown = expanded.stream().filter((node) -> !visible.contains(node)).toList();
		if (!unknown.isEmpty()) {
			throw new NotFoundException(ErrorCode.NODE_NOT_FOUND, "no such node: " + String.join(", ", unknown));
		}
		return new NodeSelectionResponse(targets, expanded);
	}

	private void requireVisible(String name, HttpServletRequest http) {
		if (this.nodes.find(name, this.workgroups.visibleNodes(Caller.of(http).workgroup())).isEmpty()) {
			throw new NotFoundException(ErrorCode.NODE_NOT_FOUND, "no such node: " + name);
		}
	}

	private static String describe(LabelChange change) {
		StringBuilder text = new StringBuilder();
		change.set().forEach((key, value) -> text.append(key).append('=').append(value).append(' '));
		change.remove().forEach((key) -> text.append(key).append("- "));
		return text.toString().strip();
	}

}
