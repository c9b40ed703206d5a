package io.octoplane.octl;

import java.nio.file.Path;

import io.octoplane.testsupport.api.StubBrain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command test against a stub brain: octl runs in process with a config file that
 * points at the stub and an operator certificate it trusts.
 */
public abstract class StubBrainCommandTest {

	@TempDir
	protected Path dir;

	protected OctlFixture octl;

	protected StubBrain brain;

	protected Path config;

	@BeforeEach
	void startBrain() {
		this.octl = OctlFixture.create(this.dir);
		this.brain = StubBrain.start(this.octl.certs());
		this.config = this.octl.writeConfig(this.brain.uri());
	}

	@AfterEach
	void stopBrain() {
		this.brain.close();
	}

}
