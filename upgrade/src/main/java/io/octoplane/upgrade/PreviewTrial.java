package io.octoplane.upgrade;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The rules of a preview's trial, in one place for both ways a component is supervised:
 * the {@link Launcher} applies them to its child, and a tentacle under the shell
 * supervisor applies them to itself ({@link TrialWatch}). A preview must report healthy
 * within the start timeout and then be confirmed within the confirm timeout; the confirm
 * window starts at health rather than at start, so a slow start (a loaded machine, a
 * Raspberry Pi) never eats the operator's time to confirm.
 *
 * @param startTimeout how long a preview may take to report healthy
 * @param confirmTimeout how long a preview may run unconfirmed after it reported healthy
 */
public record PreviewTrial(Duration startTimeout, Duration confirmTimeout) {

	public PreviewTrial {
		Objects.requireNonNull(startTimeout, "startTimeout must not be null");
		Objects.requireNonNull(confirmTimeout, "confirmTimeout must not be null");
	}

	/**
	 * Why a preview must be rolled back now, if it must.
	 * @param now the time now
	 * @param started when the preview started
	 * @param healthy when it was first seen healthy, or {@code null} if not yet
	 * @return the reason, recorded in the history, or empty while the trial goes on
	 */
	public Optional<String> rollbackReason(Instant now, Instant started, @Nullable Instant healthy) {
		if (healthy != null) {
			return now.isAfter(healthy.plus(this.confirmTimeout))
					? Optional.of("preview not confirmed within " + this.confirmTimeout) : Optional.empty();
		}
		return now.isAfter(started.plus(this.startTimeout))
				? Optional.of("preview not healthy within " + this.startTimeout) : Optional.empty();
	}

}
