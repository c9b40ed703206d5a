package io.octoplane.octl.file;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * A one-line progress bar on stderr for long transfers, redrawn at most every 200 ms;
 * silent when stderr is not a terminal, so scripts and logs stay clean.
 */
final class ProgressBar implements LongConsumer {

	private static final long REDRAW_NANOS = 200_000_000L;

	private final PrintWriter err;

	private final String label;

	private final long total;

	private final boolean enabled;

	private final long startNanos = System.nanoTime();

	private long lastNanos;

	private boolean drawn;

	ProgressBar(PrintWriter err, String label, long total, boolean enabled) {
		this.err = err;
		this.label = label;
		this.total = total;
		this.enabled = enabled;
	}

	@Override
	public void accept(long done) {
		if (!this.enabled) {
			return;
		}
		long now = System.nanoTime();
		if (now - this.lastNanos < REDRAW_NANOS && done < this.total) {
			return;
		}
		this.lastNanos = now;
		double seconds = Math.max(0.001, (now - this.startNanos) / 1e9);
		String rate = mebibytes((long) (done / seconds)) + "/s";
		if (this.total > 0) {
			int percent = (int) Math.min(100, done * 100 / this.total);
			String bar = "#".repeat(percent / 4) + " ".repeat(25 - percent / 4);
			this.err.printf(Locale.ROOT, "\r%s [%s] %3d%% %s of %s, %s ", this.label, bar, percent, mebibytes(done),
					mebibytes(this.total), rate);
		}
		else {
			this.err.printf(Locale.ROOT, "\r%s %s, %s ", this.label, mebibytes(done), rate);
		}
		this.err.flush();
		this.drawn = true;
	}

	/** Ends the bar's line, if one was drawn. */
	void finish() {
		if (this.drawn) {
			this.err.println();
			this.err.flush();
		}
	}

	private static String mebibytes(long bytes) {
		return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
	}

}
