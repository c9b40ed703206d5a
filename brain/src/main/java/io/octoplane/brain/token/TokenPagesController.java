package io.octoplane.brain.token;

import io.octoplane.brain.console.ConsolePage;
import io.octoplane.brain.security.Caller;
import io.octoplane.protocol.api.TokenRequest;
import io.octoplane.protocol.api.TokenResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's API tokens: the workgroup's tokens, creating one (its secret is shown on
 * the answer to the creating post only, never stored in a form or a later page), and
 * revoking one. The service checks what the caller's workgroup may grant, as for the REST
 * API.
 */
@Controller
@ConsolePage
class TokenPagesController {

	private final TokenService tokens;

	TokenPagesController(TokenService tokens) {
		this.tokens = tokens;
	}

	@GetMapping("/ui/admin/tokens")
	String list(HttpServletRequest http, Model model) {
		return page(Caller.of(http), null, model);
	}

	@PostMapping("/ui/admin/tokens")
	String create(@RequestParam String role, @RequestParam long ttlHours,
			@RequestParam(required = false) @Nullable Integer uses,
			@RequestParam(required = false) @Nullable String description, HttpServletRequest http, Model model) {
		Caller caller = Caller.of(http);
		String text = (description == null || description.isBlank()) ? null : description.strip();
		TokenResponse created = this.tokens.create(new TokenRequest(role, ttlHours * 3600, uses, text), caller);
		return page(caller, created, model);
	}

	@PostMapping("/ui/admin/tokens/{id}/revoke")
	String revoke(@PathVariable String id, HttpServletRequest http) {
		this.tokens.revoke(id, Caller.of(http));
		return "redirect:/ui/admin/tokens";
	}

	private String page(Caller caller, @Nullable TokenResponse created, Model model) {
		model.addAttribute("tokens", this.tokens.list(caller));
		model.addAttribute("created", created);
		model.addAttribute("caller", caller);
		return "console/admin-tokens";
	}

}
