package io.octoplane.brain.console;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.octoplane.brain.node.NodeQuery;
import io.octoplane.brain.node.NodeSelection;
import io.octoplane.brain.node.NodeService;
import io.octoplane.brain.security.Caller;
import io.octoplane.brain.web.PageCursor;
import io.octoplane.brain.workgroup.WorkgroupService;
import io.octoplane.protocol.api.NodeInfo;
import io.octoplane.protocol.api.NodeListResponse;
import io.octoplane.protocol.api.NodeState;
import io.octoplane.protocol.api.NodeStatusInfo;
import io.octoplane.protocol.selector.InvalidSelectorException;
import io.octoplane.protocol.selector.Selector;
import io.octoplane.server.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The fleet page: every node of the workgroup with its state and latest status, counts by
 * state, filtered by state, name pattern, workgroup and label selector, one page at a
 * time through the same paged listing as {@code GET /api/v1/nodes}, so it costs the same
 * at 10,000 nodes as at ten. htmx asks for the table alone when a filter changes.
 */
@Controller
class FleetController {

	static final int PAGE_SIZE = 50;

	private final NodeService nodes;

	private final WorkgroupService workgroups;

	private final NodeSelection selection;

	FleetController(NodeService nodes, WorkgroupService workgroups, NodeSelection selection) {
		this.nodes = nodes;
		this.workgroups = workgroups;
		this.selection = selection;
	}

	@GetMapping("/ui/nodes")
	String fleet(@RequestParam(defaultValue = "") String state, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String workgroup, @RequestParam(defaultValue = "") String labels,
			@RequestParam(required = false) @Nullable String cursor, @RequestParam(defaultValue = "name") String sort,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, HttpServletRequest http,
			Model model) {
		Caller caller = Caller.of(http);
		Set<String> visible = this.workgroups.visibleNodes(caller.workgroup());
		Set<String> selectable = new HashSet<>(visible);
		if (!workgroup.isBlank()) {
			selectable.retainAll(this.workgroups.visibleNodes(workgroup.trim()));
		}
		if (!labels.isBlank()) {
			selectable.retainAll(this.selection.select(parseSelector(labels), visible));
		}
		String pattern = name.isBlank() ? null : (name.contains("*") || name.contains("?")) ? name : "*" + name + "*";
		NodeQuery query = new NodeQuery(parseState(state), pattern, PageCursor.decode(cursor), PAGE_SIZE);
		NodeListResponse page = this.nodes.page(selectable, query);
		List<String> names = page.nodes().stream().map(NodeInfo::name).toList();
		Map<String, NodeStatusInfo> statuses = this.nodes.statusOf(names, visible);
		List<FleetRow> rows = page.nodes()
			.stream()
			.map((node) -> new FleetRow(node, statuses.get(node.name())))
			.sorted(FleetRow.order(sort))
			.toList();
		model.addAttribute("rows", rows);
		model.addAttribute("page", page);
		model.addAttribute("state", state);
		model.addAttribute("name", name);
		model.addAttribute("workgroup", workgroup);
		model.addAttribute("labels", labels);
		model.addAttribute("sort", sort);
		model.addAttribute("caller", caller);
		return (htmx != null) ? "console/fleet :: table" : "console/fleet";
	}

	private static Selector parseSelector(String labels) {
		String text = labels.strip();
		try {
			return Selector.isTarget(text) ? Selector.ofTarget(text) : Selector.parse(text);
		}
		catch (InvalidSelectorException ex) {
			throw new InvalidRequestException("labels: " + ex.getMessage());
		}
	}

	static @Nullable NodeState parseState(String state) {
		if (state.isBlank()) {
			return null;
		}
		try {
			return NodeState.parse(state);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("state: " + ex.getMessage());
		}
	}

}
