package io.octoplane.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;

/**
 * The brain could not be reached or did not answer: connection refused, unknown host, TLS
 * handshake failure, timeout, or a dropped connection. The message names the brain's
 * address and the cause in words an operator can act on.
 */
public final class OctoplaneConnectionException extends OctoplaneException {

	private final Reason reason;

	/** Whether the connection closed before any answer, which a refusal looks like. */
	private final boolean closedWithoutAnswer;

	private final boolean mayHaveActed;

	OctoplaneConnectionException(Reason reason, String message, Throwable cause) {
		this(reason, message, cause, false, false);
	}

	private OctoplaneConnectionException(Reason reason, String message, Throwable cause, boolean closedWithoutAnswer,
			boolean mayHaveActed) {
		super(message, cause);
		this.reason = reason;
		this.closedWithoutAnswer = closedWithoutAnswer;
		this.mayHaveActed = mayHaveActed;
	}

	/**
	 * Whether the brain may have carried out the call although no answer came: a call
	 * that changes something (a POST, such as starting a job) reached the brain and the
	 * connection broke before the answer. Sending it again could do it twice; look first
	 * (the job list, the scenario's versions).
	 * @return whether the call may have taken effect
	 */
	public boolean mayHaveActed() {
		return this.mayHaveActed;
	}

	/**
	 * Whether the brain closed the connection before it answered, without a TLS alert:
	 * its refusal of the client certificate and its death mid-call look alike.
	 */
	boolean closedWithoutAnswer() {
		return this.closedWithoutAnswer;
	}

	/**
	 * Describes a call whose connection broke before the answer while the brain's address
	 * still takes calls (another brain behind a balancer answers), or no longer accepts
	 * connections at all: the brain went away mid-call.
	 * @param brain the brain's base URI
	 * @param failure what the HTTP client threw
	 * @param changes whether the call changes something, so that the brain may have acted
	 * on it before it went away
	 * @return the exception to throw
	 */
	static OctoplaneConnectionException brokenOff(URI brain, IOException failure, boolean changes) {
		return new OctoplaneConnectionException(Reason.IO,
				"the connection to brain at " + brain
						+ " broke before it answered (that brain stopped or went away mid-call)",
				failure, false, changes);
	}

	/** Why no answer arrived, for callers that react differently to each case. */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * Describes a transport failure of a call that got no answer yet.
	 * @param brain the brain's base URI
	 * @param failure what the HTTP client threw
	 * @return the exception to throw
	 */
	static OctoplaneConnectionException of(URI brain, IOException failure) {
		return of(brain, failure, false);
	}

	/**
	 * Describes a transport failure of one call.
	 * @param brain the brain's base URI
	 * @param failure what the HTTP client threw
	 * @param answered whether the brain's answer (its status line and headers) had
	 * arrived when the call failed
	 * @return the exception to throw
	 */
	static OctoplaneConnectionException of(URI brain, IOException failure, boolean answered) {
		// The JDK client wraps the real cause (often with a null message), so the chain
		// decides, most specific first.
		SSLException tls = find(failure, SSLException.class);
		if (tls != null && find(tls, CertificateException.class) != null) {
			// octl itself refused the brain's certificate: the detail says why.
			return new OctoplaneConnectionException(Reason.TLS,
					"TLS handshake with " + brain + " failed: " + messageOf(tls), failure);
		}
		if (tls != null) {
			return refused(brain, failure);
		}
		if (failure instanceof HttpConnectTimeoutException) {
			return new OctoplaneConnectionException(Reason.TIMEOUT,
					"cannot reach brain at " + brain + ": connect timed out", failure);
		}
		if (failure instanceof HttpTimeoutException) {
			return new OctoplaneConnectionException(Reason.TIMEOUT,
					"brain at " + brain + " did not answer in time (request timed out)", failure);
		}
		if (find(failure, UnknownHostException.class) != null
				|| find(failure, UnresolvedAddressException.class) != null) {
			return new OctoplaneConnectionException(Reason.UNKNOWN_HOST,
					"cannot reach brain at " + brain + ": unknown host " + brain.getHost(), failure);
		}
		if (find(failure, ConnectException.class) != null) {
			return new OctoplaneConnectionException(Reason.REFUSED,
					"cannot reach brain at " + brain + ": connection refused", failure);
		}
		if (!answered && "https".equals(brain.getScheme()) && closedByPeer(failure)) {
			return new OctoplaneConnectionException(Reason.TLS, refused(brain, failure).getMessage(), failure, true,
					false);
		}
		return new OctoplaneConnectionException(Reason.IO,
				"connection to brain at " + brain + " failed: " + messageOf(failure), failure);
	}

	/**
	 * Describes a call the brain accepted, with a success status, whose connection broke
	 * before the whole answer arrived: the brain acted, the caller just did not hear the
	 * details.
	 * @param brain the brain's base URI
	 * @param failure what the HTTP client threw
	 * @param status the success status that arrived
	 * @param location the answer's {@code Location} header (a new job's address), or
	 * {@code null}
	 * @return the exception to throw
	 */
	static OctoplaneConnectionException acceptedThenBroken(URI brain, IOException failure, int status,
			@Nullable String location) {
		return new OctoplaneConnectionException(Reason.IO,
				"brain at " + brain + " accepted the call (HTTP " + status
						+ ((location != null) ? ", Location " + location : "")
						+ ") but the connection broke before the whole answer arrived: " + messageOf(failure),
				failure, false, true);
	}

	private static OctoplaneConnectionException refused(URI brain, IOException failure) {
		// Under TLS 1.3 the brain checks the client certificate after the client already
		// considers the handshake done, so a refusal arrives either as an alert or as a
		// connection closed before any answer, depending on timing: both read the same.
		return new OctoplaneConnectionException(Reason.TLS,
				"brain at " + brain + " refused the TLS connection or closed it without answering", failure);
	}

	private static boolean closedByPeer(IOException failure) {
		// End of stream, or a reset when the brain closed with the request unread; the
		// connect failures among the SocketExceptions were told apart before.
		return find(failure, EOFException.class) != null || find(failure, SocketException.class) != null;
	}

	/**
	 * Interruption while waiting for the brain.
	 * @param brain the brain's base URI
	 * @param interrupted what the HTTP client threw
	 * @return the exception to throw
	 */
	static OctoplaneConnectionException interrupted(URI brain, InterruptedException interrupted) {
		return new OctoplaneConnectionException(Reason.INTERRUPTED, "interrupted while waiting for brain at " + brain,
				interrupted);
	}

	private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
		}
		return null;
	}

	private static String messageOf(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current.getMessage() != null && !current.getMessage().isBlank()) {
				return current.getMessage();
			}
		}
		return failure.getClass().getSimpleName();
	}

	/** Why a call got no answer from the brain. */
	public enum Reason {

		/** Nothing listens at the brain's address. */
		REFUSED,

		/** The brain's host name does not resolve. */
		UNKNOWN_HOST,

		/**
		 * The TLS handshake failed: the brain's certificate is not trusted, or the brain
		 * rejected the client certificate (by an alert or by closing the connection
		 * before any answer).
		 */
		TLS,

		/** Connecting or waiting for the answer took longer than allowed. */
		TIMEOUT,

		/** The calling thread was interrupted. */
		INTERRUPTED,

		/** Any other transport failure, such as a connection dropped mid-answer. */
		IO

	}

}
