package io.octoplane.brain.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import io.octoplane.brain.console.ConsolePage;
import io.octoplane.brain.file.BlobAccess;
import io.octoplane.brain.security.AuditTargets;
import io.octoplane.brain.security.Caller;
import io.octoplane.protocol.api.ResetRequest;
import io.octoplane.protocol.api.ScenarioApplyRequest;
import io.octoplane.server.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The console's scenarios: the workgroup's scenarios and where their apps run, a
 * scenario's versions with what each deployed where, applying a target with a scenario
 * archive (the tar.gz octl uploads), and resetting to a version, which the page confirms
 * first. Apply and reset answer when every step ended, as through the REST API.
 */
@Controller
@ConsolePage
class ScenarioPagesController {

	private static final int VERSIONS = 50;

	private final ScenarioService scenarios;

	private final BlobAccess blobs;

	ScenarioPagesController(ScenarioService scenarios, BlobAccess blobs) {
		this.scenarios = scenarios;
		this.blobs = blobs;
	}

	@GetMapping("/ui/scenarios")
	String list(HttpServletRequest http, Model model) {
		Caller caller = Caller.of(http);
		model.addAttribute("scenarios", this.scenarios.list(caller).scenarios());
		model.addAttribute("caller", caller);
		return "console/scenarios";
	}

	@GetMapping("/ui/scenarios/{name}")
	String scenario(@PathVariable String name, HttpServletRequest http, Model model) {
		Caller caller = Caller.of(http);
		model.addAttribute("scenario", this.scenarios.get(name, caller));
		model.addAttribute("versions", this.scenarios.versions(name, 0, VERSIONS, caller));
		model.addAttribute("caller", caller);
		return "console/scenario";
	}

	@PostMapping("/ui/scenarios/apply")
	String apply(@RequestParam String name, @RequestParam MultipartFile archive,
			@RequestParam(required = false) @Nullable String target,
			@RequestParam(required = false) @Nullable String message, HttpServletRequest http, Model model)
			throws IOException {
		Caller caller = Caller.of(http);
		if (archive.isEmpty()) {
			throw new InvalidRequestException("choose the scenario's archive (a tar.gz of its folder)");
		}
		String sha256;
		try (InputStream in = archive.getInputStream()) {
			sha256 = this.blobs.store(in, caller.workgroup()).sha256();
		}
		AuditTargets.set(http, List.of("scenario:" + name));
		model.addAttribute("result",
				this.scenarios.apply(name, new ScenarioApplyRequest(sha256, blank(target), blank(message)), caller));
		model.addAttribute("caller", caller);
		return "console/scenario-result";
	}

	@PostMapping("/ui/scenarios/{name}/reset")
	String reset(@PathVariable String name, @RequestParam String version,
			@RequestParam(defaultValue = "") String message, HttpServletRequest http, Model model) {
		Caller caller = Caller.of(http);
		AuditTargets.set(http, List.of("scenario:" + name));
		String why = message.isBlank() ? "from the console" : message.strip();
		model.addAttribute("result", this.scenarios.reset(name, new ResetRequest(version, why), caller));
		model.addAttribute("caller", caller);
		return "console/scenario-result";
	}

	private static @Nullable String blank(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
