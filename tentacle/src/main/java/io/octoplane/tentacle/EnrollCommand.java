package io.octoplane.tentacle;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;

import io.octoplane.tentacle.config.TentacleConfig;
import io.octoplane.tentacle.config.TentacleConfigException;
import io.octoplane.tentacle.enroll.Enrollment;
import io.octoplane.tentacle.enroll.EnrollmentException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The {@code tentacle enroll} command: gets the node its certificate with a join token
 * and exits, without starting the agent. Installers run it once after writing the
 * configuration (a package's {@code octoplane-tentacle enroll --token ...}, the Ansible
 * role), so that the service starts already enrolled and the token never has to sit in a
 * file the service reads. A node that already has its certificate and key is left as it
 * is and the command succeeds, which makes it safe to repeat.
 *
 * <p>
 * Exit codes as the agent's: 0 enrolled or already enrolled, 1 the brain API could not be
 * reached, 2 an invalid configuration or a refused enrollment.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
		description = { "Enrolls this node with a join token and exits; the agent is not started.",
				"Reads the same configuration as the agent (--config before 'enroll')." })
final class EnrollCommand implements Callable<Integer> {

	@Mixin
	EnrollmentOptions enrollment = new EnrollmentOptions();

	@ParentCommand
	TentacleMain agent;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws InterruptedException {
		try {
			TentacleConfig config = this.agent.loadConfig(this.enrollment.over(this.agent.enrollment));
			boolean enrolled = new Enrollment(config, RandomGenerator.getDefault()).enrollIfNeeded();
			PrintWriter out = this.spec.commandLine().getOut();
			out.println(enrolled ? "enrolled: certificate " + config.cert() + ", key " + config.key()
					: "already enrolled: " + config.cert() + " and " + config.key() + " exist");
			out.flush();
			return 0;
		}
		catch (TentacleConfigException ex) {
			return fail(ex.getMessage(), TentacleMain.EXIT_BAD_CONFIG);
		}
		catch (EnrollmentException ex) {
			return fail(ex.getMessage(),
					ex.unreachable() ? TentacleMain.EXIT_UNREACHABLE : TentacleMain.EXIT_BAD_CONFIG);
		}
	}

	private int fail(@Nullable String message, int exitCode) {
		PrintWriter err = this.spec.commandLine().getErr();
		err.println("tentacle enroll: " + message);
		err.flush();
		return exitCode;
	}

}
