package io.octoplane.client;

import java.time.Duration;
import java.util.Optional;

import io.octoplane.protocol.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * The brain answered with an error. For an RFC 9457 problem document it carries the
 * document's {@code code} (as an {@link ErrorCode}), title and detail; for any other
 * error body (a proxy's HTML page, say) the code is absent and the detail says what came
 * back instead. Callers branch on {@link #errorCode()}, never on the message text.
 */
public final class OctoplaneApiException extends OctoplaneException {

	private final @Nullable ErrorCode errorCode;

	private final @Nullable String codeSlug;

	private final int httpStatus;

	private final String title;

	private final @Nullable String detail;

	private final @Nullable Duration retryAfter;

	/**
	 * Creates the exception.
	 * @param errorCode the known error code, or {@code null} when the slug is unknown or
	 * absent
	 * @param codeSlug the {@code code} member as received, or {@code null} when absent
	 * @param httpStatus the HTTP status of the answer
	 * @param title the problem's short summary
	 * @param detail the problem's explanation for this occurrence, or {@code null}
	 */
	public OctoplaneApiException(@Nullable ErrorCode errorCode, @Nullable String codeSlug, int httpStatus, String title,
			@Nullable String detail) {
		this(errorCode, codeSlug, httpStatus, title, detail, null);
	}

	/**
	 * Creates the exception.
	 * @param errorCode the known error code, or {@code null} when the slug is unknown or
	 * absent
	 * @param codeSlug the {@code code} member as received, or {@code null} when absent
	 * @param httpStatus the HTTP status of the answer
	 * @param title the problem's short summary
	 * @param detail the problem's explanation for this occurrence, or {@code null}
	 * @param retryAfter how long the brain asked to wait before retrying (its
	 * {@code Retry-After} header), or {@code null} when it did not say
	 */
	public OctoplaneApiException(@Nullable ErrorCode errorCode, @Nullable String codeSlug, int httpStatus, String title,
			@Nullable String detail, @Nullable Duration retryAfter) {
		super(message(codeSlug, httpStatus, title, detail));
		this.errorCode = errorCode;
		this.codeSlug = codeSlug;
		this.httpStatus = httpStatus;
		this.title = title;
		this.detail = detail;
		this.retryAfter = retryAfter;
	}

	private static String message(@Nullable String codeSlug, int httpStatus, String title, @Nullable String detail) {
		StringBuilder message = new StringBuilder(title);
		if (detail != null && !detail.isBlank() && !detail.equals(title)) {
			message.append(": ").append(detail);
		}
		message.append(" (HTTP ").append(httpStatus);
		if (codeSlug != null) {
			message.append(", ").append(codeSlug);
		}
		return message.append(')').toString();
	}

	/**
	 * The error code, empty when the brain sent no {@code code} or one this client does
	 * not know.
	 */
	public Optional<ErrorCode> errorCode() {
		return Optional.ofNullable(this.errorCode);
	}

	/**
	 * The {@code code} member exactly as received, or {@code null} when there was none.
	 */
	public @Nullable String codeSlug() {
		return this.codeSlug;
	}

	/** The HTTP status of the error answer. */
	public int httpStatus() {
		return this.httpStatus;
	}

	/** The problem's title, or a description of a non-problem answer. */
	public String title() {
		return this.title;
	}

	/** The problem's detail, or {@code null} when the brain gave none. */
	public @Nullable String detail() {
		return this.detail;
	}

	/**
	 * How long the brain asked to wait before retrying, from its {@code Retry-After}
	 * header; it sends one with {@code too-many-requests}.
	 * @return the wait, or empty when the answer had none
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
