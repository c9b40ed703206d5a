package io.octoplane.brain.audit;

import java.util.Locale;
import java.util.function.Predicate;

import io.octoplane.brain.console.ConsolePage;
import io.octoplane.brain.security.Caller;
import io.octoplane.protocol.api.AuditEntry;
import io.octoplane.protocol.api.AuditResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's audit log: the caller's workgroup's recorded calls, newest first, a page
 * at a time, narrowed by caller, action or target text and by outcome. The filters apply
 * to the page read, which holds up to {@value #PAGE_SIZE} entries.
 */
@Controller
@ConsolePage
class AuditPagesController {

	private static final int PAGE_SIZE = 500;

	private final AuditLog log;

	AuditPagesController(AuditLog log) {
		this.log = log;
	}

	@GetMapping("/ui/admin/audit")
	String audit(@RequestParam(defaultValue = "") String text, @RequestParam(defaultValue = "") String outcome,
			@RequestParam(required = false) @Nullable String cursor, HttpServletRequest http, Model model) {
		Caller caller = Caller.of(http);
		AuditResponse page = this.log.page(caller.workgroup(), PAGE_SIZE, cursor);
		Predicate<AuditEntry> matches = matches(text.strip().toLowerCase(Locale.ROOT), outcome);
		model.addAttribute("entries", page.entries().stream().filter(matches).toList());
		model.addAttribute("nextCursor", page.nextCursor());
		model.addAttribute("text", text);
		model.addAttribute("outcome", outcome);
		model.addAttribute("caller", caller);
		return "console/admin-audit";
	}

	private static Predicate<AuditEntry> matches(String text, String outcome) {
		return (entry) -> {
			boolean failed = entry.status() >= 400;
			if (("ok".equals(outcome) && failed) || ("failed".equals(outcome) && !failed)) {
				return false;
			}
			return text.isEmpty() || entry.caller().toLowerCase(Locale.ROOT).contains(text)
					|| entry.action().toLowerCase(Locale.ROOT).contains(text)
					|| entry.targets().stream().anyMatch((target) -> target.toLowerCase(Locale.ROOT).contains(text));
		};
	}

}
