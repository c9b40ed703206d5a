package io.octoplane.server.web;

import io.octoplane.protocol.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatches (a filter's {@code sendError}, a
 * failure outside Spring MVC) with a problem document instead of Boot's JSON or HTML
 * error page, so even those errors carry a {@code code}.
 */
@RestController
public class ProblemErrorController implements ErrorController {

	private static final Logger logger = LoggerFactory.getLogger(ProblemErrorController.class);

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		// A direct request to the error path has no error: it names nothing.
		int status = (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code) ? code : 404;
		Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		String detail;
		if (failure instanceof InvalidParameterException) {
			// A filter read a parameter that Tomcat cannot decode: the caller's fault.
			status = 400;
			detail = ProblemHandler.INVALID_PARAMETER;
		}
		else {
			if (failure instanceof Throwable unexpected) {
				logger.error("Unexpected failure outside Spring MVC", unexpected);
			}
			detail = detail(request, status);
		}
		ErrorCode code = ProblemHandler.codeFor(status);
		ProblemDetail problem = OctoplaneException.problem(code, detail);
		problem.setStatus(status);
		if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
			problem.setInstance(ProblemWriter.instance(path));
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static String detail(HttpServletRequest request, int status) {
		// Messages of server failures may tell internals; those of refusals tell the
		// caller what was wrong.
		if (status < 500 && request.getAttribute(RequestDispatcher.ERROR_MESSAGE) instanceof String message
				&& !message.isBlank()) {
			return message;
		}
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "HTTP status " + status;
	}

}
