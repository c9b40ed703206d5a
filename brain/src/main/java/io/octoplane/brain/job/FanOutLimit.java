package io.octoplane.brain.job;

import io.octoplane.server.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/**
 * A fan-out limit as AWS Systems Manager takes it: a count ({@code "10"}) or a share of
 * the targets ({@code "25%"}).
 */
final class FanOutLimit {

	private FanOutLimit() {
	}

	/**
	 * Resolves a concurrency limit: at least one node runs at a time.
	 * @param text the request's value, or {@code null} for no limit
	 * @param targets number of targets
	 * @param field the request field, for error messages
	 * @return the number of nodes that may run at once
	 */
	static int concurrency(@Nullable String text, int targets, String field) {
		if (text == null || text.isBlank()) {
			return targets;
		}
		return Math.max(1, resolve(text, targets, field, true));
	}

	/**
	 * Resolves an error budget.
	 * @param text the request's value, or {@code null} for no limit
	 * @param targets number of targets
	 * @param field the request field, for error messages
	 * @return how many nodes may fail before no further node is started
	 */
	static int errors(@Nullable String text, int targets, String field) {
		if (text == null || text.isBlank()) {
			return targets;
		}
		return resolve(text, targets, field, false);
	}

	private static int resolve(String text, int targets, String field, boolean roundUp) {
		String value = text.trim();
		boolean percent = value.endsWith("%");
		String digits = percent ? value.substring(0, value.length() - 1).trim() : value;
		long number;
		try {
			number = Long.parseLong(digits);
		}
		catch (NumberFormatException ex) {
			throw new InvalidRequestException(
					field + " must be a number or a percentage such as 10 or 25%, not '" + text + "'");
		}
		if (number < 0 || (percent && number > 100)) {
			throw new InvalidRequestException(field + " must be between 0 and "
					+ (percent ? "100%" : "the target count") + ", not '" + text + "'");
		}
		if (!percent) {
			return (int) Math.min(number, targets);
		}
		double share = targets * number / 100.0;
		return (int) (roundUp ? Math.ceil(share) : Math.floor(share));
	}

}
