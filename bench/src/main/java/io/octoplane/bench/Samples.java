package io.octoplane.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Durations measured by repeated runs, in milliseconds, with the order statistics a
 * report gives: the median (robust against the odd run disturbed by a concurrent build),
 * the minimum and the maximum.
 */
final class Samples {

	private final List<Double> millis = new ArrayList<>();

	void add(long nanos) {
		this.millis.add(nanos / 1_000_000.0);
	}

	int count() {
		return this.millis.size();
	}

	double median() {
		List<Double> sorted = sorted();
		int size = sorted.size();
		return (size % 2 == 1) ? sorted.get(size / 2) : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2;
	}

	/**
	 * The sample below which the given share of samples lies (nearest rank).
	 * @param share between 0 and 1
	 */
	double percentile(double share) {
		List<Double> sorted = sorted();
		int rank = (int) Math.ceil(share * sorted.size());
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
	}

	double min() {
		return sorted().get(0);
	}

	double max() {
		List<Double> sorted = sorted();
		return sorted.get(sorted.size() - 1);
	}

	private List<Double> sorted() {
		if (this.millis.isEmpty()) {
			throw new IllegalStateException("no samples");
		}
		List<Double> sorted = new ArrayList<>(this.millis);
		Collections.sort(sorted);
		return sorted;
	}

}
