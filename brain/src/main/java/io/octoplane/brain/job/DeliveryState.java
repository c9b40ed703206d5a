package io.octoplane.brain.job;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.octoplane.protocol.api.ErrorKind;

/** Where a command stands on one node. The slugs are what Redis and the API hold. */
enum DeliveryState {

	QUEUED("queued", ErrorKind.NONE), DELIVERED("delivered", ErrorKind.NONE), RUNNING("running", ErrorKind.NONE),
	SUCCEEDED("succeeded", ErrorKind.NONE), FAILED("failed", ErrorKind.PROCESS),
	TIMED_OUT("timed-out", ErrorKind.PROCESS), EXPIRED("expired", ErrorKind.COMMUNICATION),
	REJECTED("rejected", ErrorKind.COMMUNICATION), CANCELLED("cancelled", ErrorKind.CANCELLED);

	/** The states a result may replace: anything not final. */
	static final String NOT_FINAL = csv(QUEUED, DELIVERED, RUNNING);

	// Every stored delivery is read through of(): a reconnect storm reads thousands.
	private static final Map<String, DeliveryState> BY_SLUG = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(DeliveryState::slug, Function.identity()));

	private final String slug;

	private final ErrorKind errorKind;

	DeliveryState(String slug, ErrorKind errorKind) {
		this.slug = slug;
		this.errorKind = errorKind;
	}

	String slug() {
		return this.slug;
	}

	ErrorKind errorKind() {
		return this.errorKind;
	}

	boolean isFinal() {
		return this != QUEUED && this != DELIVERED && this != RUNNING;
	}

	static DeliveryState of(String slug) {
		DeliveryState state = BY_SLUG.get(slug);
		if (state == null) {
			throw new IllegalArgumentException("unknown delivery state " + slug);
		}
		return state;
	}

	/** The form the transition script matches against: {@code ,a,b,}. */
	static String csv(DeliveryState... states) {
		return Arrays.stream(states).map(DeliveryState::slug).collect(Collectors.joining(",", ",", ","));
	}

}
