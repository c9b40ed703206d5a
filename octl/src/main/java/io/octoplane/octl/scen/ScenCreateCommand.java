package io.octoplane.octl.scen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.octoplane.octl.ExitException;
import io.octoplane.octl.ExitStatus;
import io.octoplane.octl.Octl;
import io.octoplane.octl.OctlCommand;
import io.octoplane.protocol.agent.NodeappTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code octl scen create}: a template scenario folder, with one application per name
 * given after {@code with}; nothing is sent to the brain.
 */
@Command(name = "create",
		description = { "Create a template scenario folder <scen> in the current folder.",
				"Each application gets scripts for prepare, start, stop and purge; edit nodes in deployment.yaml." },
		footerHeading = "%nExamples:%n", footer = { "  octl scen create helloWorld with helloPrinter helloEcho" })
public final class ScenCreateCommand extends OctlCommand {

	@Parameters(index = "0", paramLabel = "SCEN", description = "The scenario's name and folder.")
	private String name = "";

	@Parameters(index = "1..*", paramLabel = "with APP", description = "'with' followed by application names.")
	private List<String> rest = new ArrayList<>();

	@Option(names = "--dir", paramLabel = "FOLDER", description = "Create it in FOLDER (default: the current folder).")
	private Path parent = Path.of(".");

	@Override
	protected int execute(Octl octl) {
		List<String> apps = new ArrayList<>(this.rest);
		if (!apps.isEmpty()) {
			if (!apps.get(0).equals("with")) {
				throw new ExitException(ExitStatus.INVALID_INPUT, "expected 'with <app>...' after the scenario name");
			}
			apps.remove(0);
		}
		if (apps.isEmpty()) {
			apps.add("app1");
		}
		for (String name : concat(this.name, apps)) {
			if (!NodeappTask.NAME.matcher(name).matches()) {
				throw new ExitException(ExitStatus.INVALID_INPUT,
						"'" + name + "' is not a name: 1 to 63 letters, digits, '.', '_' or '-'");
			}
		}
		Path folder = octl.resolve(this.parent).resolve(this.name).normalize();
		if (Files.exists(folder)) {
			throw new ExitException(ExitStatus.UNEXPECTED_STATE, folder + " already exists");
		}
		try {
			write(folder, apps);
		}
		catch (IOException ex) {
			throw new ExitException(ExitStatus.GENERIC, "cannot create " + folder + ": " + ex.getMessage());
		}
		spec().commandLine().getErr().println("created " + folder + "; set the nodes in deployment.yaml");
		return ExitStatus.OK;
	}

	private void write(Path folder, List<String> apps) throws IOException {
		StringBuilder yaml = new StringBuilder("name: ").append(this.name)
			.append("\ndescription: \"\"\napplications:\n");
		for (String app : apps) {
			yaml.append("- name: \"").append(app).append("\"\n");
			yaml.append("  scriptpath: \"").append(app).append("/scripts/\"\n");
			yaml.append("  sourcepath: \"").append(app).append("/src/\"\n");
			yaml.append("  description: \"\"\n  nodes: []\n  script:\n");
			Path scripts = Files.createDirectories(folder.resolve(app).resolve("scripts"));
			Files.createDirectories(folder.resolve(app).resolve("src"));
			Files.writeString(folder.resolve(app).resolve("src").resolve("README"), app + " sources\n");
			for (String target : List.of("prepare", "start", "stop", "purge")) {
				yaml.append("  - { target: ")
					.append(target)
					.append(", file: \"")
					.append(target)
					.append(".sh\", order: 1 }\n");
				Files.writeString(scripts.resolve(target + ".sh"),
						"#!/bin/sh\n# " + target + " " + app
								+ " on $OCTOPODA_NODENAME, in $OCTOPODA_CURRENTDIR\necho \"" + target
								+ " done\" >> \"$OCTOPODA_OUTPUT\"\n");
			}
		}
		Files.writeString(folder.resolve("deployment.yaml"), yaml);
		Files.writeString(folder.resolve(".gitignore"), "*.log\n");
	}

	private static List<String> concat(String first, List<String> rest) {
		List<String> all = new ArrayList<>(rest);
		all.add(0, first);
		return all;
	}

}
