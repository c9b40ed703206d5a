package io.octoplane.octl.cmd;

import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Checks {@code --max-concurrency} and {@code --max-errors} values before anything is
 * sent: a positive number of nodes ({@code 10}) or a percentage of the targets from 1 to
 * 100 ({@code 25%}). The brain takes the text as it is.
 */
final class LimitConverter implements ITypeConverter<String> {

	private static final Pattern COUNT = Pattern.compile("[1-9][0-9]{0,8}");

	private static final Pattern PERCENT = Pattern.compile("([1-9][0-9]?|100)%");

	@Override
	public String convert(String value) {
		String limit = value.strip();
		if (COUNT.matcher(limit).matches() || PERCENT.matcher(limit).matches()) {
			return limit;
		}
		throw new TypeConversionException(
				"'" + value + "' is not a limit: use a positive number of nodes (10) or a percentage from 1% to 100%");
	}

	/**
	 * How many nodes a valid limit allows at once.
	 * @param limit a value this converter accepted
	 * @param targets the number of targets
	 * @return at least 1
	 */
	static int nodes(String limit, int targets) {
		if (limit.endsWith("%")) {
			int percent = Integer.parseInt(limit.substring(0, limit.length() - 1));
			return Math.max(1, targets * percent / 100);
		}
		return Integer.parseInt(limit);
	}

}
