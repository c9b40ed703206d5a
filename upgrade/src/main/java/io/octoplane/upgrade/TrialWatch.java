package io.octoplane.upgrade;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.octoplane.protocol.duration.DurationText;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions of the launcher, taken inside the component itself when it runs under the
 * shell supervisor ({@code deploy/octoplane-supervise.sh}), which costs no JVM of its own
 * and only dispatches on exit statuses. Every poll interval the watch looks at the
 * upgrade home and ends this process with {@link #EXIT_SWITCH}, asking the supervisor to
 * start the home's current version, when:
 * <ul>
 * <li>another version is to run (an upgrade, a downgrade, a cancelled trial), after the
 * switch delay, so that the command that asked for it can report its result first;</li>
 * <li>this version is the preview and its trial failed ({@link PreviewTrial}): it clears
 * the preview and records the rollback first;</li>
 * <li>the supervisor is gone, so that nothing runs on unsupervised (status
 * {@link LauncherWatch#EXIT_LAUNCHER_GONE} then).</li>
 * </ul>
 * A preview that crashes never gets here; the supervisor rolls it back on any other
 * status.
 */
public final class TrialWatch {

	private static final Logger logger = LoggerFactory.getLogger(TrialWatch.class);

	/**
	 * Set by the shell supervisor for its child, to {@value #BY_EXIT_STATUS}: the child
	 * decides and the supervisor only dispatches on its exit status.
	 */
	public static final String SUPERVISOR_ENV = "OCTOPLANE_SUPERVISOR";

	/** The value of {@link #SUPERVISOR_ENV} for the shell supervisor. */
	public static final String BY_EXIT_STATUS = "exit-status";

	/** Set by the shell supervisor: how long a preview may take to report healthy. */
	public static final String START_TIMEOUT_ENV = "OCTOPLANE_START_TIMEOUT";

	/** Set by the shell supervisor: how long a healthy preview may run unconfirmed. */
	public static final String CONFIRM_TIMEOUT_ENV = "OCTOPLANE_CONFIRM_TIMEOUT";

	/** The exit status that asks the supervisor to start the home's current version. */
	public static final int EXIT_SWITCH = 76;

	private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

	private static final Duration SWITCH_DELAY = Duration.ofSeconds(3);

	private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

	private final UpgradeHome home;

	private final String version;

	private final PreviewTrial trial;

	private final long supervisorPid;

	private final Clock clock;

	private final Instant started;

	private @Nullable Instant healthy;

	private @Nullable String pendingTarget;

	private @Nullable Instant pendingSince;

	TrialWatch(UpgradeHome home, String version, PreviewTrial trial, long supervisorPid, Clock clock) {
		this.home = home;
		this.version = version;
		this.trial = trial;
		this.supervisorPid = supervisorPid;
		this.clock = clock;
		this.started = clock.instant();
	}

	/**
	 * The watch the environment asks for: one when the shell supervisor started this
	 * process, else none.
	 * @param env the process environment
	 * @param clock the clock for the trial's deadlines
	 * @return the watch, not started yet
	 * @throws IllegalArgumentException if a timeout in the environment is not a positive
	 * duration
	 */
	public static Optional<TrialWatch> fromEnvironment(Map<String, String> env, Clock clock) {
		String home = env.get(UpgradeHome.HOME_ENV);
		String version = env.get(UpgradeHome.VERSION_ENV);
		if (!BY_EXIT_STATUS.equals(env.get(SUPERVISOR_ENV)) || home == null || version == null) {
			return Optional.empty();
		}
		PreviewTrial trial = new PreviewTrial(timeout(env, START_TIMEOUT_ENV), timeout(env, CONFIRM_TIMEOUT_ENV));
		long supervisor = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
		return Optional.of(new TrialWatch(new UpgradeHome(Path.of(home)), version, trial, supervisor, clock));
	}

	/**
	 * Watches on a virtual thread until it ends this process; {@link LauncherWatch} is
	 * not needed beside it.
	 */
	public void start() {
		Thread.ofVirtual().name("upgrade-trial").start(this::run);
	}

	private void run() {
		try {
			while (true) {
				Thread.sleep(POLL_INTERVAL);
				Exit exit = step();
				if (exit != null) {
					ProcessExit.exit(exit.status());
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	// Package-private so tests take one look at a time; null while this version runs on.
	@Nullable Exit step() {
		if (this.supervisorPid > 0 && ProcessHandle.of(this.supervisorPid).filter(ProcessHandle::isAlive).isEmpty()) {
			logger.warn("the supervisor (pid {}) that started this process is gone; exiting", this.supervisorPid);
			return new Exit(LauncherWatch.EXIT_LAUNCHER_GONE);
		}
		try {
			Optional<String> preview = this.home.preview();
			Optional<String> target = preview.or(this::stable);
			if (target.isPresent() && !target.get().equals(this.version)) {
				return switchDue(target.get()) ? switchTo(target.get()) : null;
			}
			this.pendingTarget = null;
			if (preview.isPresent()) {
				return checkTrial();
			}
		}
		catch (IOException ex) {
			logger.warn("cannot read the upgrade home {}: {}", this.home.root(), ex.getMessage());
		}
		return null;
	}

	private @Nullable Exit checkTrial() throws IOException {
		Instant now = this.clock.instant();
		if (this.healthy == null && this.home.healthy().filter(this.version::equals).isPresent()) {
			this.healthy = now;
		}
		Optional<String> reason = this.trial.rollbackReason(now, this.started, this.healthy);
		if (reason.isEmpty()) {
			return null;
		}
		logger.warn("rolling back from {}: {}", this.version, reason.get());
		this.home.clearPreview();
		this.home.record(now, "rollback", this.version, reason.get());
		return new Exit(EXIT_SWITCH);
	}

	private boolean switchDue(String target) {
		Instant now = this.clock.instant();
		if (!target.equals(this.pendingTarget) || this.pendingSince == null) {
			this.pendingTarget = target;
			this.pendingSince = now;
		}
		return !now.isBefore(this.pendingSince.plus(SWITCH_DELAY));
	}

	private Exit switchTo(String target) {
		logger.info("switching from {} to {}", this.version, target);
		return new Exit(EXIT_SWITCH);
	}

	private Optional<String> stable() {
		try {
			return this.home.stable();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static Duration timeout(Map<String, String> env, String name) {
		String value = env.get(name);
		if (value == null || value.isBlank()) {
			return DEFAULT_TIMEOUT;
		}
		try {
			return DurationText.parsePositive(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(name + ": " + ex.getMessage(), ex);
		}
	}

	/** The status this process is to exit with. */
	record Exit(int status) {
	}

}
