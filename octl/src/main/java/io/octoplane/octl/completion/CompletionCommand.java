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
 * {@code octl completion bash|zsh|fish}: prints a completion script for every command,
 * option and {@code -o} value. It needs no config and no brain.
 */
@Command(name = "completion",
		description = { "Print a shell completion script for octl.", "",
				"bash: source it, or save it under /etc/bash_completion.d/.",
				"zsh: source it; it turns on zsh's bash completion support first.",
				"fish: source it, or save it as ~/.config/fish/completions/octl.fish." },
		footerHeading = "%nExamples:%n",
		footer = { "  source <(octl completion bash)", "  octl completion bash > /etc/bash_completion.d/octl",
				"  echo 'source <(octl completion zsh)' >> ~/.zshrc",
				"  octl completion fish > ~/.config/fish/completions/octl.fish" })
public final class CompletionCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Parameters(paramLabel = "SHELL", completionCandidates = Shells.class, description = "bash, zsh or fish.")
	private String shell;

	@Override
	public Integer call() {
		if (!List.of("bash", "zsh", "fish").contains(this.shell)) {
			throw new ParameterException(this.spec.commandLine(),
					"'" + this.shell + "' is not a supported shell; use bash, zsh or fish");
		}
		CommandLine root = this.spec.root().commandLine();
		PrintWriter out = this.spec.commandLine().getOut();
		if ("fish".equals(this.shell)) {
			out.print(FishCompletion.script(root));
			out.flush();
			return 0;
		}
		String script = AutoComplete.bash(root.getCommandName(), root);
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
			return List.of("bash", "zsh", "fish").iterator();
		}

	}

}
