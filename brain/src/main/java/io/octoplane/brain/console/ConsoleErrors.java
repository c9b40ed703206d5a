package io.octoplane.brain.console;

import io.octoplane.server.web.OctoplaneException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Errors of the console's pages as a page of the console, with the status and the words
 * the REST API would answer (a node of another workgroup is "not found" here as there),
 * instead of a problem document a browser would show raw.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class, annotations = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

	@ExceptionHandler(OctoplaneException.class)
	String failed(OctoplaneException ex, HttpServletResponse response, Model model) {
		response.setStatus(ex.getStatusCode().value());
		model.addAttribute("status", ex.getStatusCode().value());
		model.addAttribute("code", ex.code().slug());
		model.addAttribute("detail", ex.getBody().getDetail());
		return "console/error";
	}

}
