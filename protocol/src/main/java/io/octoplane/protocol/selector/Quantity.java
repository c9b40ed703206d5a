package io.octoplane.protocol.selector;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Numbers as selectors compare them: plain ({@code 4}, {@code 1.5}) or with a size unit,
 * decimal ({@code k}, {@code M}, {@code G}, {@code T}) or binary ({@code Ki}, {@code Mi},
 * {@code Gi}, {@code Ti}), optionally followed by {@code B}: {@code 2GiB} is 2147483648.
 * Size facts are reported in bytes, so they compare with any of these spellings.
 */
public final class Quantity {

	private static final String[] DECIMAL = { "K", "M", "G", "T", "P" };

	private Quantity() {
	}

	/**
	 * Reads a quantity.
	 * @param text the text, for example {@code 2GiB}
	 * @return its value, or empty when the text is no quantity
	 */
	public static OptionalDouble parse(String text) {
		String upper = text.strip().toUpperCase(Locale.ROOT);
		if (upper.endsWith("B")) {
			upper = upper.substring(0, upper.length() - 1);
		}
		double factor = 1;
		for (int i = 0; i < DECIMAL.length; i++) {
			if (upper.endsWith(DECIMAL[i] + "I")) {
				factor = Math.pow(1024, i + 1);
				upper = upper.substring(0, upper.length() - 2);
				break;
			}
			if (upper.endsWith(DECIMAL[i])) {
				factor = Math.pow(1000, i + 1);
				upper = upper.substring(0, upper.length() - 1);
				break;
			}
		}
		if (upper.isEmpty() || !upper.matches("-?[0-9]+(\\.[0-9]+)?")) {
			return OptionalDouble.empty();
		}
		return OptionalDouble.of(new BigDecimal(upper).doubleValue() * factor);
	}

}
