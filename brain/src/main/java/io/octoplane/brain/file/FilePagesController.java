package io.octoplane.brain.file;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import io.octoplane.brain.console.ConsolePage;
import io.octoplane.brain.security.AuditTargets;
import io.octoplane.brain.security.Caller;
import io.octoplane.protocol.api.BlobResponse;
import io.octoplane.protocol.api.FileUploadRequest;
import io.octoplane.protocol.api.JobResponse;
import io.octoplane.protocol.file.FileKind;
import io.octoplane.server.web.OctoplaneException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The console's files: a folder of the brain's file store, and sending a file from the
 * browser to nodes. The page's script posts the file's bytes first (so the browser can
 * show their progress), then starts the upload job with the blob's SHA-256 and goes to
 * the job's page; both posts carry the form's CSRF token.
 */
@Controller
@ConsolePage
class FilePagesController {

	private static final int FILE_MODE = 0644;

	private final FileService files;

	private final BrainFileStore store;

	FilePagesController(FileService files, BrainFileStore store) {
		this.files = files;
		this.store = store;
	}

	@GetMapping("/ui/files")
	String files(@RequestParam(defaultValue = "") String path, HttpServletRequest http, Model model) {
		Caller caller = Caller.of(http);
		try {
			model.addAttribute("listing", this.store.list(path, 0, caller.workgroup()));
		}
		catch (OctoplaneException ex) {
			model.addAttribute("error", ex.getBody().getDetail());
		}
		model.addAttribute("path", path);
		model.addAttribute("parent", path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "");
		model.addAttribute("caller", caller);
		return "console/files";
	}

	@PostMapping("/ui/files/blobs")
	@ResponseBody
	BlobResponse store(HttpServletRequest http) throws IOException {
		return this.files.store(http.getInputStream(), http.getContentLengthLong(), Caller.of(http));
	}

	@PostMapping("/ui/files/uploads")
	@ResponseBody
	JobResponse upload(@RequestParam String targets, @RequestParam String sha256, @RequestParam String name,
			@RequestParam String targetDir, HttpServletRequest http) {
		List<String> nodes = Arrays.stream(targets.split("[\\s,]+")).filter((target) -> !target.isBlank()).toList();
		AuditTargets.set(http, nodes);
		return this.files.upload(
				new FileUploadRequest(nodes, sha256, FileKind.FILE, name, targetDir, true, FILE_MODE, null, null),
				Caller.of(http));
	}

}
