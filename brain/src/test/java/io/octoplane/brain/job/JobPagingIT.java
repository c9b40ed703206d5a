package io.octoplane.brain.job;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.octoplane.protocol.api.JobListResponse;
import io.octoplane.protocol.api.JobSummary;
import io.octoplane.server.web.InvalidRequestException;
import io.octoplane.testsupport.clock.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The job listing paged by cursor against a real Redis while jobs keep being created:
 * newest first, no job repeated or skipped, ties within one millisecond included.
 */
class JobPagingIT {

	@RegisterExtension
	static final JobCores cores = new JobCores();

	private static final long START = 1_800_000_000_000L;

	private JobCoreParts brain;

	private JobPages pages;

	@BeforeEach
	void connect() {
		this.brain = cores.start(new MutableClock());
		this.pages = new JobPages(this.brain.repository, new JobViews(this.brain.repository));
	}

	@Test
	void pagesCoverEveryJobOnceWhileNewerOnesArrive() throws Exception {
		List<String> existing = new ArrayList<>();
		for (int i = 0; i < 45; i++) {
			// Three jobs per millisecond: ties are broken by id.
			existing.add(create(START + i / 3));
		}
		List<String> expected = this.brain.repository.jobsAfter(null, 100).stream().map(JobPosition::id).toList();
		assertThat(expected).containsExactlyInAnyOrderElementsOf(existing);
		AtomicBoolean paging = new AtomicBoolean(true);
		ExecutorService writer = Executors.newSingleThreadExecutor();
		try {
			Future<?> inserts = writer.submit(() -> {
				for (int i = 0; i < 10_000 && paging.get(); i++) {
					create(START + 1_000 + i);
				}
			});
			List<String> seen = new ArrayList<>();
			JobListResponse page = this.pages.list(4, null, (id) -> true);
			List<String> firstPage = ids(page);
			List<String> betweenPages = new ArrayList<>();
			for (int calls = 0; page.nextCursor() != null && calls < 1_000; calls++) {
				betweenPages.add(create(START + 100_000 + calls));
				page = this.pages.list(4, page.nextCursor(), (id) -> true);
				seen.addAll(ids(page));
			}
			paging.set(false);
			inserts.get(10, TimeUnit.SECONDS);
			assertThat(page.nextCursor()).isNull();
			List<String> all = new ArrayList<>(firstPage);
			all.addAll(seen);
			assertThat(new HashSet<>(all)).hasSameSizeAs(all);
			// The first page may hold jobs created while paging; every later one holds
			// the jobs that existed before, in order.
			List<String> older = all.stream().filter(existing::contains).toList();
			assertThat(older).containsExactlyElementsOf(expected);
			assertThat(betweenPages).isNotEmpty().doesNotContainAnyElementsOf(seen);
		}
		finally {
			paging.set(false);
			writer.shutdownNow();
		}
	}

	@Test
	void jobsTheCallerMayNotSeeAreSkippedWithoutEndingThePaging() {
		Set<String> visible = new HashSet<>();
		for (int i = 0; i < 30; i++) {
			String id = create(START + i);
			if (i % 10 == 0) {
				visible.add(id);
			}
		}
		List<String> seen = new ArrayList<>();
		JobListResponse page = this.pages.list(2, null, visible::contains);
		seen.addAll(ids(page));
		for (int calls = 0; page.nextCursor() != null && calls < 100; calls++) {
			page = this.pages.list(2, page.nextCursor(), visible::contains);
			seen.addAll(ids(page));
		}
		assertThat(seen).containsExactlyInAnyOrderElementsOf(visible);
		assertThat(page.nextCursor()).isNull();
	}

	@Test
	void theLastPageHasNoCursor() {
		create(START);
		create(START + 1);
		JobListResponse page = this.pages.list(2, null, (id) -> true);
		assertThat(page.jobs()).hasSize(2);
		assertThat(page.nextCursor()).isNull();
	}

	@Test
	void aForeignCursorIsAnInvalidRequest() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.pages.list(2, "bm90LWEtam9i", (id) -> true));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.pages.list(2, "***", (id) -> true));
	}

	private String create(long createdAt) {
		return this.brain.create(JobCoreParts.spec(List.of("n1"), 1, 0, createdAt)).id();
	}

	private static List<String> ids(JobListResponse page) {
		return page.jobs().stream().map(JobSummary::id).toList();
	}

}
