package io.octoplane.brain.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.octoplane.protocol.agent.SparseAcks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatAnswersTests {

	private static final long INTERVAL = 10_000;

	private static final Instant WELCOMED = Instant.parse("2026-12-08T00:00:00Z");

	@Test
	void tentacleWithoutSparseAcksGetsEveryAnswer() {
		HeartbeatAnswers answers = new HeartbeatAnswers(false, INTERVAL, WELCOMED);
		for (int beat = 1; beat <= 20; beat++) {
			assertThat(answers.answer(INTERVAL, WELCOMED.plusMillis(beat * INTERVAL))).isTrue();
		}
	}

	@Test
	void sparseTentacleGetsTheFirstThreeThenEverySecond() {
		HeartbeatAnswers answers = new HeartbeatAnswers(true, INTERVAL, WELCOMED);
		List<Integer> answered = new ArrayList<>();
		for (int beat = 1; beat <= 11; beat++) {
			if (answers.answer(INTERVAL, WELCOMED.plusMillis(beat * INTERVAL))) {
				answered.add(beat);
			}
		}
		assertThat(answered).containsExactly(1, 2, 3, 5, 7, 9, 11);
	}

	@Test
	void changedIntervalIsAnsweredAtOnce() {
		HeartbeatAnswers answers = new HeartbeatAnswers(true, INTERVAL, WELCOMED);
		Instant at = WELCOMED;
		for (int beat = 1; beat <= 4; beat++) {
			at = at.plusMillis(INTERVAL);
			answers.answer(INTERVAL, at);
		}
		// The fourth went unanswered, the fifth is answered anyway; the sixth would not
		// be,
		// but it tells a new interval.
		assertThat(answers.answer(INTERVAL, at.plusMillis(INTERVAL))).isTrue();
		assertThat(answers.answer(2 * INTERVAL, at.plusMillis(2 * INTERVAL))).isTrue();
		assertThat(answers.answer(2 * INTERVAL, at.plusMillis(4 * INTERVAL))).isFalse();
	}

	@Test
	void lateHeartbeatRightAfterAnAnswerIsAnswered() {
		HeartbeatAnswers answers = new HeartbeatAnswers(true, INTERVAL, WELCOMED);
		Instant at = WELCOMED;
		for (int beat = 1; beat <= 3; beat++) {
			at = at.plusMillis(INTERVAL);
			answers.answer(INTERVAL, at);
		}
		assertThat(answers.answer(INTERVAL, at.plusMillis(INTERVAL + INTERVAL / 2))).isTrue();
	}

	@Test
	void oneLateHeartbeatAnywhereNeverLeavesTheTentacleSilentForItsDeadLinkTimeout() {
		// Today a tentacle answered every time survives a heartbeat up to two intervals
		// late (three between frames); sparse answers must keep that.
		long deadAfter = SparseAcks.deadAfterIntervals(true) * INTERVAL;
		for (int late = 1; late <= 20; late++) {
			for (long lateness : new long[] { INTERVAL / 4, INTERVAL / 2, INTERVAL, 2 * INTERVAL - 1 }) {
				HeartbeatAnswers answers = new HeartbeatAnswers(true, INTERVAL, WELCOMED);
				Instant lastFrame = WELCOMED;
				Instant at = WELCOMED;
				long longestSilence = 0;
				for (int beat = 1; beat <= 24; beat++) {
					at = at.plusMillis(INTERVAL + ((beat == late) ? lateness : 0));
					if (answers.answer(INTERVAL, at)) {
						longestSilence = Math.max(longestSilence, Duration.between(lastFrame, at).toMillis());
						lastFrame = at;
					}
				}
				assertThat(longestSilence).as("heartbeat %d late by %d ms", late, lateness).isLessThan(deadAfter);
			}
		}
	}

	@Test
	void neverTwoInARowUnansweredWhateverTheTiming() {
		HeartbeatAnswers answers = new HeartbeatAnswers(true, INTERVAL, WELCOMED);
		Instant at = WELCOMED;
		boolean previous = true;
		for (int beat = 1; beat <= 40; beat++) {
			// Early and late by turns.
			at = at.plusMillis((beat % 3 == 0) ? INTERVAL / 10 : INTERVAL);
			boolean answered = answers.answer(INTERVAL, at);
			assertThat(previous || answered).as("heartbeat %d", beat).isTrue();
			previous = answered;
		}
	}

}
