package io.octoplane.octl.upgrade;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The time of {@code history -t}: Octopoda's {@code 2006-01-02@15:04:05}, which its pakma
 * read as UTC, or an ISO-8601 instant.
 */
final class HistoryTime implements ITypeConverter<Instant> {

	private static final DateTimeFormatter OCTOPODA = DateTimeFormatter.ofPattern("uuuu-MM-dd@HH:mm:ss");

	@Override
	public Instant convert(String value) {
		try {
			return value.contains("@") ? LocalDateTime.parse(value, OCTOPODA).toInstant(ZoneOffset.UTC)
					: Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new TypeConversionException(
					"'" + value + "' is not a time: write 2026-12-01@10:00:00 (UTC) or 2026-12-01T10:00:00Z");
		}
	}

}
