package io.octoplane.brain.log;

import io.octoplane.brain.console.ConsolePage;
import io.octoplane.brain.security.Caller;
import io.octoplane.protocol.api.LogResponse;
import io.octoplane.protocol.log.LogQuery;
import io.octoplane.server.web.OctoplaneException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The tail of a node's log on its console page, loaded after the page because it is read
 * from the node itself (a job of its own). A node that cannot answer (offline, failed)
 * shows why in place of the lines.
 */
@Controller
@ConsolePage
class NodeLogFragment {

	private static final int LINES = 50;

	private final LogService logs;

	NodeLogFragment(LogService logs) {
		this.logs = logs;
	}

	@GetMapping("/ui/nodes/{name}/log")
	String tail(@PathVariable String name, HttpServletRequest http, Model model) {
		try {
			LogResponse log = this.logs.node(name, new LogQuery(LINES, 0), Caller.of(http));
			model.addAttribute("lines", String.join("\n", log.lines()));
			model.addAttribute("truncated", log.truncated());
		}
		catch (OctoplaneException ex) {
			model.addAttribute("error", ex.getBody().getDetail());
		}
		return "console/node-parts :: log";
	}

}
