package io.octoplane.brain.scenario;

import io.octoplane.brain.console.ConsolePage;
import io.octoplane.brain.security.Caller;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The nodeapps deployed on a node, as a part of its console page: which scenario each
 * came from and the version it is at.
 */
@Controller
@ConsolePage
class NodeappsFragment {

	private final NodeappService nodeapps;

	NodeappsFragment(NodeappService nodeapps) {
		this.nodeapps = nodeapps;
	}

	@GetMapping("/ui/nodes/{name}/nodeapps")
	String list(@PathVariable String name, HttpServletRequest http, Model model) {
		model.addAttribute("nodeapps", this.nodeapps.list(name, Caller.of(http)));
		return "console/node-parts :: nodeapps";
	}

}
