package io.octoplane.brain.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's sign-in page and its front door. */
@Controller
class LoginController {

	@GetMapping("/ui/login")
	String login() {
		return "console/login";
	}

	@GetMapping({ "/ui", "/ui/" })
	String home() {
		return "redirect:/ui/nodes";
	}

}
