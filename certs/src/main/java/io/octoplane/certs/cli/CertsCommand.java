package io.octoplane.certs.cli;

import java.time.Clock;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code certs} command: the root of the certificate tool and its {@code main}. It
 * only dispatches to the subcommands, which do the work.
 */
@Command(name = "certs", mixinStandardHelpOptions = true, versionProvider = CertsCommand.Version.class,
		usageHelpAutoWidth = true,
		description = { "Creates and inspects the certificates of an Octoplane fleet.", "",
				"Every Octoplane connection is TLS with certificates from one private CA. "
						+ "The brain and nameserver present server certificates; tentacles (nodes) and "
						+ "operators present client certificates whose subject carries their name (CN) and "
						+ "role (OU), backed by the extended key usage." },
		subcommands = { CaCommand.class, ServerCommand.class, NodeCommand.class, ClientCommand.class, ShowCommand.class,
				ReleaseKeyCommand.class, HelpCommand.class },
		footerHeading = "%nExamples:%n",
		footer = { "  certs ca --out pki", "  certs server brain --ca-dir pki --san brain.example.com --san 10.0.0.5",
				"  certs node web-01 web-02 --ca-dir pki --out pki/nodes", "  certs client alice --ca-dir pki",
				"  certs show pki/brain.pem", "",
				"Exit status: 0 success, 1 failure (such as refusing to overwrite a file without --force), "
						+ "2 invalid input." })
public class CertsCommand implements Runnable {

	private final Clock clock;

	@Spec
	private CommandSpec spec;

	/** Creates the command with the system clock. */
	public CertsCommand() {
		this(Clock.systemUTC());
	}

	/**
	 * Creates the command with the given clock, which decides when new certificates start
	 * and whether shown ones are still valid.
	 * @param clock the clock
	 */
	public CertsCommand(Clock clock) {
		this.clock = clock;
	}

	Clock clock() {
		return this.clock;
	}

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "Missing subcommand: ca, server, node, client or show");
	}

	/**
	 * Runs the tool and exits with its status.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		System.exit(new CommandLine(new CertsCommand()).execute(args));
	}

	/** Reports the version from the jar manifest, which Maven fills in. */
	static final class Version implements IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = CertsCommand.class.getPackage().getImplementationVersion();
			return new String[] { "certs (Octoplane) " + ((version != null) ? version : "development build"),
					"Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")" };
		}

	}

}
