package io.octoplane.octl.completion;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code octl completion bash|zsh}: prints a completion script for every command, option
 * and {@code -o} value. It needs no config and no brain.
 */
@Command(name = "completion",
		description = { "Print a shell completion script for octl.", "",
				"bash: source it, or save it under /etc/bash_completion.d/.",
				"zsh: source it; it turns on zsh's bash completion support first." },
		footerHeading = "%nExamples:%n",
		footer = { "  source <(octl completion bash)", "  octl completion bash > /etc/bash_completion.d/octl",
				"  echo 'source <(octl completion zsh)' >> ~/.zshrc" })
public final class CompletionCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Parameters(paramLabel = "SHELL", completionCandidates = Shells.class, description = "bash or zsh.")
	private String shell;

	@Override
	public Integer call() {
		if (!"bash".equals(this.shell) && !"zsh".equals(this.shell)) {
			throw new ParameterException(this.spec.commandLine(),
					"'" + this.shell + "' is not a supported shell; use bash or zsh");
		}
		CommandLine root = this.spec.root().commandLine();
		String script = AutoComplete.bash(root.getCommandName(), root);
		PrintWriter out = this.spec.commandLine().getOut();
		if ("zsh".equals(this.shell)) {
			// picocli's script is written for bash and runs in zsh through bashcompinit.
			out.println("autoload -U +X compinit && compinit");
			out.println("autoload -U +X bashcompinit && bashcompinit");
		}
		out.print(script);
		out.flush();
		return 0;
	}

	/** The shells a script is made for, for help and completion. */
	static final class Shells implements Iterable<String> {

		@Override
		public Iterator<String> iterator() {
			return List.of("bash", "zsh").iterator();
		}

	}

}
