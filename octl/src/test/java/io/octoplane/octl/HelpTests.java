package io.octoplane.octl;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class HelpTests {

	@TempDir
	Path dir;

	@Test
	void everyCommandRendersItsHelpWithoutPicocliWarnings() {
		List<CommandLine> commands = all(new Octl(Map.of(), this.dir).commandLine());
		assertThat(commands).hasSizeGreaterThan(50);
		// picocli warns about a bad format string on System.err, read anew on each
		// warning, and falls back to printing the raw text.
		PrintStream original = System.err;
		ByteArrayOutputStream warnings = new ByteArrayOutputStream();
		List<String> usages = new ArrayList<>();
		try {
			System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
			for (CommandLine command : commands) {
				usages.add(command.getUsageMessage(CommandLine.Help.Ansi.OFF));
			}
		}
		finally {
			System.setErr(original);
		}
		assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
		assertThat(usages).allSatisfy((usage) -> assertThat(usage).startsWith("Usage: octl").contains("Examples:"));
	}

	@Test
	void everyCommandSummaryIsASentence() {
		for (CommandLine command : all(new Octl(Map.of(), this.dir).commandLine())) {
			String[] description = command.getCommandSpec().usageMessage().description();
			assertThat(description).as(command.getCommandSpec().qualifiedName()).isNotEmpty();
			assertThat(description[0]).as(command.getCommandSpec().qualifiedName()).endsWith(".");
		}
	}

	@Test
	void sshProxyExamplesShowSshsOwnPercentTokens() {
		String usage = new Octl(Map.of(), this.dir).commandLine()
			.getSubcommands()
			.get("ssh")
			.getSubcommands()
			.get("proxy")
			.getUsageMessage(CommandLine.Help.Ansi.OFF);
		assertThat(usage).contains("  ssh -o 'ProxyCommand=octl ssh proxy %n' pi@pi-24\n",
				"  #     ProxyCommand octl ssh proxy %n\n");
	}

	@Test
	void cmdRunExampleKeepsDatesFormat() {
		String usage = new Octl(Map.of(), this.dir).commandLine()
			.getSubcommands()
			.get("cmd")
			.getSubcommands()
			.get("xrun")
			.getUsageMessage(CommandLine.Help.Ansi.OFF);
		assertThat(usage).contains("  octl cmd run -ta 'date +%s.%N' pi1 pi2 pi3 --max-clock-error 20ms\n");
	}

	private static List<CommandLine> all(CommandLine root) {
		List<CommandLine> found = new ArrayList<>();
		List<CommandLine> pending = new ArrayList<>(List.of(root));
		while (!pending.isEmpty()) {
			CommandLine next = pending.removeLast();
			found.add(next);
			// Aliases map to the same CommandLine: visit each once.
			next.getSubcommands().values().stream().distinct().forEach(pending::add);
		}
		return found;
	}

}
