package io.octoplane.server.web;

import java.net.URI;

import io.octoplane.protocol.ErrorCode;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Base of every failure a server feature reports to API callers. It carries an
 * {@link ErrorCode}, which decides the HTTP status, the problem {@code type} and the
 * {@code code} member that clients match on.
 */
public abstract class OctoplaneException extends ErrorResponseException {

	private final ErrorCode code;

	protected OctoplaneException(ErrorCode code, String detail) {
		super(HttpStatusCode.valueOf(code.httpStatus()), problem(code, detail), null);
		this.code = code;
	}

	/** The error kind. */
	public ErrorCode code() {
		return this.code;
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

	/**
	 * A problem document for an error.
	 * @param code the error
	 * @param detail what happened, for humans
	 * @return the problem, with {@code type} and {@code code} set
	 */
	public static ProblemDetail problem(ErrorCode code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(code.httpStatus()), detail);
		problem.setType(URI.create(code.typeUri()));
		problem.setProperty("code", code.slug());
		return problem;
	}

}
