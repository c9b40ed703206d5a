package io.octoplane.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the tentacle or brain of an upgrade home running as a child process: the preview
 * version while one is on trial, else the stable one. A preview that exits, that does not
 * report healthy within the start timeout, or that is not confirmed within the confirm
 * timeout after it reported healthy, is stopped and the stable version started again; the
 * launcher does this by itself, so a broken release cannot keep a node (or the brain)
 * away ({@link PreviewTrial} has the rules). A stable version that exits is started
 * again. The brain runs under it; a tentacle runs under the shell supervisor instead and
 * applies the same rules to itself ({@link TrialWatch}).
 *
 * <p>
 * The upgrade commands ({@link UpgradeTool}, or the brain's upgrade API) change only
 * files in the home; the launcher notices on its next look, which it takes every poll
 * interval.
 */
public final class Launcher implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Launcher.class);

	// Short enough that a service manager waiting 10 s for the launcher never has to
	// kill it, which would leave the child behind.
	private static final Duration STOP_GRACE = Duration.ofSeconds(4);

	private final UpgradeComponent component;

	private final UpgradeHome home;

	private final List<String> runner;

	private final List<String> args;

	private final Map<String, String> childEnv;

	private final PreviewTrial trial;

	private final Duration switchDelay;

	private final Duration pollInterval;

	private final Clock clock;

	private final Object monitor = new Object();

	private @Nullable Process child;

	private @Nullable String running;

	private @Nullable Instant previewStarted;

	private @Nullable Instant previewHealthy;

	private @Nullable String pendingTarget;

	private @Nullable Instant pendingSince;

	private volatile boolean closed;

	/**
	 * Creates a launcher.
	 * @param component what the home holds, which names the log file
	 * ({@code home/<component>.log})
	 * @param home the upgrade home
	 * @param runner the command that runs a package, the package's path appended, such as
	 * {@code java -jar}
	 * @param args arguments after the package's path, such as {@code --config
	 * tentacle.yaml}
	 * @param childEnv environment variables added for the child, such as the command line
	 * of the upgrade commands
	 * @param confirmTimeout how long a preview may run unconfirmed after it reported
	 * healthy before it is rolled back
	 * @param startTimeout how long a preview may take to report healthy before it is
	 * rolled back
	 * @param switchDelay how long a requested switch waits, so that the command that
	 * requested it (run by the tentacle or brain about to be stopped) can report its
	 * result first
	 * @param pollInterval how often the home and the child are looked at
	 * @param clock the clock for the confirm deadline
	 */
	public Launcher(UpgradeComponent component, UpgradeHome home, List<String> runner, List<String> args,
			Map<String, String> childEnv, Duration confirmTimeout, Duration startTimeout, Duration switchDelay,
			Duration pollInterval, Clock clock) {
		this.component = component;
		this.home = home;
		this.runner = List.copyOf(runner);
		this.args = List.copyOf(args);
		this.childEnv = Map.copyOf(childEnv);
		this.trial = new PreviewTrial(startTimeout, confirmTimeout);
		this.switchDelay = switchDelay;
		this.pollInterval = pollInterval;
		this.clock = clock;
	}

	/**
	 * Runs until {@link #close()}, then stops the child.
	 * @throws IOException if the home cannot be read or no stable version is set
	 * @throws InterruptedException if interrupted
	 */
	public void run() throws IOException, InterruptedException {
		try {
			while (!this.closed) {
				step();
				synchronized (this.monitor) {
					if (!this.closed) {
						this.monitor.wait(this.pollInterval.toMillis());
					}
				}
			}
		}
		finally {
			stopChild();
		}
	}

	/** The version of the child running now, if any. */
	public synchronized Optional<String> running() {
		Process process = this.child;
		return (process != null && process.isAlive()) ? Optional.ofNullable(this.running) : Optional.empty();
	}

	/**
	 * Stops the launcher and its child, and returns only once the child is gone: asked
	 * politely first, killed after a grace period. Safe from a shutdown hook, where it
	 * must not return early: the JVM halts when the hooks are done, and a child still
	 * running then would outlive its launcher.
	 */
	@Override
	public void close() {
		this.closed = true;
		synchronized (this.monitor) {
			this.monitor.notifyAll();
		}
		stopChild();
	}

	// Package-private so tests can take one look at a time instead of waiting for polls.
	synchronized void step() throws IOException {
		if (this.closed) {
			// close() may have stopped the child already: start none it would miss.
			return;
		}
		Optional<String> preview = this.home.preview();
		String target = preview.orElseGet(() -> stableOrNull());
		if (target == null) {
			throw new IOException("upgrade home " + this.home.root() + " has no stable version; install one first");
		}
		Process process = this.child;
		if (process == null || !target.equals(this.running)) {
			if (process != null && process.isAlive() && !switchDue(target)) {
				return;
			}
			stopChild();
			start(target, preview.isPresent());
			return;
		}
		this.pendingTarget = null;
		if (preview.isPresent()) {
			checkPreview(target, process);
			return;
		}
		this.previewStarted = null;
		this.previewHealthy = null;
		if (!process.isAlive()) {
			logger.warn("{} {} exited with status {}; starting it again", this.component.name(), target,
					process.exitValue());
			this.home.record(this.clock.instant(), "restart", target, "exit-status=" + process.exitValue());
			start(target, false);
		}
	}

	private void checkPreview(String target, Process process) throws IOException {
		Instant now = this.clock.instant();
		if (!process.isAlive()) {
			rollback(target, "preview exited with status " + process.exitValue());
			return;
		}
		if (this.previewHealthy == null && this.home.healthy().filter(target::equals).isPresent()) {
			this.previewHealthy = now;
		}
		Instant started = (this.previewStarted != null) ? this.previewStarted : now;
		Optional<String> reason = this.trial.rollbackReason(now, started, this.previewHealthy);
		if (reason.isPresent()) {
			rollback(target, reason.get());
		}
	}

	private boolean switchDue(String target) {
		Instant now = this.clock.instant();
		if (!target.equals(this.pendingTarget) || this.pendingSince == null) {
			this.pendingTarget = target;
			this.pendingSince = now;
		}
		return !now.isBefore(this.pendingSince.plus(this.switchDelay));
	}

	private @Nullable String stableOrNull() {
		try {
			return this.home.stable().orElse(null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void rollback(String preview, String reason) throws IOException {
		logger.warn("rolling back from {}: {}", preview, reason);
		stopChild();
		this.home.clearPreview();
		this.home.record(this.clock.instant(), "rollback", preview, reason);
		this.previewStarted = null;
		this.previewHealthy = null;
	}

	private void start(String version, boolean preview) throws IOException {
		Path release = this.home.release(version);
		List<String> command = new ArrayList<>(this.runner);
		command.add(release.toString());
		command.addAll(this.args);
		this.home.clearHealthy();
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect
				.appendTo(this.home.root().resolve(this.component.name() + ".log").toFile()));
		builder.environment().putAll(this.childEnv);
		builder.environment().put(UpgradeHome.HOME_ENV, this.home.root().toString());
		builder.environment().put(UpgradeHome.VERSION_ENV, version);
		// The child ends itself if this launcher is killed outright and cannot stop it.
		builder.environment().put(LauncherWatch.LAUNCHER_PID_ENV, Long.toString(ProcessHandle.current().pid()));
		this.child = builder.start();
		this.running = version;
		this.previewStarted = preview ? this.clock.instant() : null;
		this.previewHealthy = null;
		this.home.record(this.clock.instant(), preview ? "start-preview" : "start", version, "");
		logger.info("started {} {}{}", this.component.name(), version, preview ? " (preview)" : "");
	}

	// Synchronized, and the child forgotten only once it is dead: a second caller (the
	// shutdown hook while run() stops the child, or the reverse) waits for the first
	// rather than returning while the child still runs.
	private synchronized void stopChild() {
		Process process = this.child;
		if (process == null) {
			return;
		}
		List<ProcessHandle> descendants = process.descendants().toList();
		descendants.forEach(ProcessHandle::destroy);
		process.destroy();
		try {
			if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("{} did not stop within {}; killing it", this.component.name(), STOP_GRACE);
				descendants.forEach(ProcessHandle::destroyForcibly);
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		finally {
			this.child = null;
		}
	}

}
