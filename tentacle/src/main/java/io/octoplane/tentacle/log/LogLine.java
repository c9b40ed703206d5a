package io.octoplane.tentacle.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

/**
 * One line of the tentacle's log, in the pattern the brain's log uses as well:
 * {@code 2026-12-05T08:00:00.000+01:00  INFO [thread] i.o.t.connection.AgentLink : text},
 * the logger's name shortened to about {@value #NAME_WIDTH} characters as Logback's
 * {@code %logger{36}} does, and a stack trace on the lines below. The leading ISO-8601
 * time is what the log reader's day limit reads.
 */
final class LogLine {

	static final int NAME_WIDTH = 36;

	private LogLine() {
	}

	static String format(Instant time, ZoneId zone, Level level, String thread, String logger, String message,
			@Nullable Throwable thrown) {
		StringBuilder line = new StringBuilder(96 + message.length());
		appendTime(line, time, zone);
		line.append(' ');
		String levelName = level.name();
		line.append(" ".repeat(Math.max(0, 5 - levelName.length()))).append(levelName);
		line.append(" [").append(thread).append("] ").append(shortName(logger)).append(" : ").append(message);
		line.append(System.lineSeparator());
		if (thrown != null) {
			StringWriter trace = new StringWriter();
			thrown.printStackTrace(new PrintWriter(trace));
			line.append(trace);
		}
		return line.toString();
	}

	// yyyy-MM-dd'T'HH:mm:ss.SSSXXX, written out rather than through a DateTimeFormatter,
	// whose pattern parser and locale data would stay loaded for this one pattern.
	private static void appendTime(StringBuilder line, Instant time, ZoneId zone) {
		ZoneOffset offset = zone.getRules().getOffset(time);
		LocalDateTime local = LocalDateTime.ofEpochSecond(time.getEpochSecond(), time.getNano(), offset);
		pad(line, local.getYear(), 4).append('-');
		pad(line, local.getMonthValue(), 2).append('-');
		pad(line, local.getDayOfMonth(), 2).append('T');
		pad(line, local.getHour(), 2).append(':');
		pad(line, local.getMinute(), 2).append(':');
		pad(line, local.getSecond(), 2).append('.');
		pad(line, local.getNano() / 1_000_000, 3);
		int seconds = offset.getTotalSeconds();
		if (seconds == 0) {
			line.append('Z');
			return;
		}
		line.append((seconds < 0) ? '-' : '+');
		pad(line, Math.abs(seconds) / 3600, 2).append(':');
		pad(line, Math.abs(seconds) / 60 % 60, 2);
	}

	private static StringBuilder pad(StringBuilder line, int value, int width) {
		String digits = Integer.toString(value);
		for (int i = digits.length(); i < width; i++) {
			line.append('0');
		}
		return line.append(digits);
	}

	// Package segments from the left become their first letter until the name fits; the
	// last segment (the class) stays whole.
	static String shortName(String name) {
		if (name.length() <= NAME_WIDTH) {
			return name;
		}
		String[] segments = name.split("\\.");
		int length = name.length();
		for (int i = 0; i < segments.length - 1 && length > NAME_WIDTH; i++) {
			if (segments[i].length() > 1) {
				length -= segments[i].length() - 1;
				segments[i] = segments[i].substring(0, 1);
			}
		}
		return String.join(".", segments);
	}

}
