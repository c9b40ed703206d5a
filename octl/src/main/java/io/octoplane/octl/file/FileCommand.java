package io.octoplane.octl.file;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code octl file}: groups the file commands. */
@Command(name = "file", description = "Move files between this machine, the brain and nodes, verified with SHA-256.",
		subcommands = {
				FileUploadCommand.class, FileDownloadCommand.class, FileLsCommand.class, FileCopyCommand.class },
		footerHeading = "%nExamples:%n",
		footer = { "  octl file upload ./app @workspace/apps pi1 pi2 @lab", "  octl file download /etc/hosts . pi1",
				"  octl file ls @log ALL", "  octl file ls / brain",
				"  octl file copy pi1:/var/log/syslog pi2:@fstore" })
public final class FileCommand implements Runnable {

	@Spec
	private CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(),
				"missing command: use 'octl file upload|download|ls|copy'");
	}

}
