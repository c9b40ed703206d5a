package io.octoplane.brain.workgroup;

import java.util.ArrayList;
import java.util.List;

import io.octoplane.brain.console.ConsolePage;
import io.octoplane.brain.security.Caller;
import io.octoplane.protocol.api.WorkgroupResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's workgroups: the caller's workgroup and every workgroup below it, with
 * their nodes. Nothing above or beside the caller's workgroup is shown, as the REST API
 * answers "not found" for those.
 */
@Controller
@ConsolePage
class WorkgroupPagesController {

	private final WorkgroupService workgroups;

	WorkgroupPagesController(WorkgroupService workgroups) {
		this.workgroups = workgroups;
	}

	@GetMapping("/ui/admin/workgroups")
	String workgroups(HttpServletRequest http, Model model) {
		Caller caller = Caller.of(http);
		List<WorkgroupResponse> shown = new ArrayList<>();
		for (String path : this.workgroups.subtree(caller.workgroup())) {
			if (WorkgroupService.isSameOrBelow(path, caller.workgroup()) && this.workgroups.exists(path)) {
				shown.add(this.workgroups.describe(path));
			}
		}
		model.addAttribute("workgroups", shown);
		model.addAttribute("caller", caller);
		return "console/admin-workgroups";
	}

}
