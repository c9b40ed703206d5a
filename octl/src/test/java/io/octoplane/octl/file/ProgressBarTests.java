package io.octoplane.octl.file;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTests {

	@Test
	void drawsOneRewrittenLineOnATerminal() {
		StringWriter err = new StringWriter();
		ProgressBar bar = new ProgressBar(new PrintWriter(err), "upload x", 4 * 1048576, true);
		bar.accept(4 * 1048576);
		bar.finish();
		assertThat(err.toString()).startsWith("\rupload x [")
			.contains("100%")
			.contains("4.0 MiB of 4.0 MiB")
			.endsWith("\n");
	}

	@Test
	void staysSilentWhenStderrIsNoTerminal() {
		StringWriter err = new StringWriter();
		ProgressBar bar = new ProgressBar(new PrintWriter(err), "upload x", 100, false);
		bar.accept(50);
		bar.accept(100);
		bar.finish();
		assertThat(err.toString()).isEmpty();
	}

}
