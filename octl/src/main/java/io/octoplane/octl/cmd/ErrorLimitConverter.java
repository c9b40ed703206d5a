package io.octoplane.octl.cmd;

import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Checks {@code --max-errors}: like {@link LimitConverter}, but zero is allowed and means
 * "start no further node after the first failure", as in AWS Systems Manager.
 */
final class ErrorLimitConverter implements ITypeConverter<String> {

	private static final Pattern LIMIT = Pattern.compile("(0|[1-9][0-9]{0,8})|([0-9]|[1-9][0-9]|100)%");

	@Override
	public String convert(String value) {
		String limit = value.strip();
		if (LIMIT.matcher(limit).matches()) {
			return limit;
		}
		throw new TypeConversionException("'" + value
				+ "' is not an error limit: use a number of nodes (0 stops at the first failure) or a percentage from 0% to 100%");
	}

}
