package io.octoplane.upgrade;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HistoryWindowTests {

	private static final List<String> LINES = List.of("2026-12-01T10:00:00Z init 1.0.0",
			"2026-12-02T10:00:00Z install 1.1.0", "2026-12-03T10:00:00Z upgrade 1.1.0",
			"2026-12-04T10:00:00Z confirm 1.1.0");

	@Test
	void allShowsEveryLine() {
		assertThat(HistoryWindow.ALL.select(LINES)).isEqualTo(LINES);
	}

	@Test
	void limitAloneShowsTheLatestLines() {
		assertThat(new HistoryWindow(null, 2).select(LINES)).containsExactly(LINES.get(2), LINES.get(3));
		assertThat(new HistoryWindow(null, 10).select(LINES)).isEqualTo(LINES);
	}

	@Test
	void sinceShowsTheFirstLinesFromThatTimeOn() {
		Instant since = Instant.parse("2026-12-02T10:00:00Z");
		assertThat(new HistoryWindow(since, null).select(LINES)).containsExactly(LINES.get(1), LINES.get(2),
				LINES.get(3));
		assertThat(new HistoryWindow(since, 1).select(LINES)).containsExactly(LINES.get(1));
	}

	@Test
	void sinceAfterTheLastLineShowsNothing() {
		assertThat(new HistoryWindow(Instant.parse("2027-01-01T00:00:00Z"), 5).select(LINES)).isEmpty();
	}

	@Test
	void linesWithoutATimeAreLeftOutOfATimeWindow() {
		List<String> lines = List.of("garbage", "2026-12-04T10:00:00Z confirm 1.1.0");
		assertThat(new HistoryWindow(Instant.EPOCH, null).select(lines)).containsExactly(lines.get(1));
	}

	@Test
	void limitMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HistoryWindow(null, 0))
			.withMessage("limit must be positive");
	}

}
