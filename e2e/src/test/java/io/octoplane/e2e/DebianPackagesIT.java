package io.octoplane.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.octoplane.e2e.support.DebianRoot;
import io.octoplane.e2e.support.ToolRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Debian packages built by {@code deploy/debian/build-debs.sh} from the jars of this
 * build: their control fields and file lists, an install, remove and purge with
 * {@code dpkg --root} whose maintainer scripts run against the throwaway root, the
 * packaged launchers run from that tree, and lintian with every finding explained.
 */
class DebianPackagesIT {

	private static final List<String> PACKAGES = List.of("octoplane-brain", "octoplane-nameserver", "octoplane-octl",
			"octoplane-tentacle");

	@TempDir
	static Path dir;

	private static List<Path> debs;

	@BeforeAll
	static void buildPackages() throws Exception {
		debs = DebianRoot.buildPackages(dir.resolve("debs"));
	}

	private static Path deb(String name) {
		return debs.stream()
			.filter((deb) -> deb.getFileName().toString().startsWith(name + "_"))
			.findFirst()
			.orElseThrow();
	}

	private static String field(String name, String field) throws Exception {
		ToolRun run = ToolRun.run("dpkg-deb", "--field", deb(name).toString(), field);
		assertThat(run.status()).as(run.output()).isZero();
		return run.output().strip();
	}

	@Test
	void eachPartHasOneArchitectureIndependentPackageNeedingAJava21Runtime() throws Exception {
		assertThat(debs).extracting((deb) -> deb.getFileName().toString().replaceAll("_.*", ""))
			.containsExactlyElementsOf(PACKAGES);
		for (String name : PACKAGES) {
			assertThat(field(name, "Package")).isEqualTo(name);
			assertThat(field(name, "Architecture")).isEqualTo("all");
			assertThat(field(name, "Version")).matches("[0-9][0-9A-Za-z.+~]*");
			assertThat(field(name, "Depends")).contains("default-jre-headless (>= 2:1.21)")
				.contains("openjdk-21-jre-headless")
				.contains("java21-runtime-headless");
		}
	}

	@Test
	void configsAreConffilesAndEveryFileBelongsToRoot() throws Exception {
		for (String part : List.of("brain", "nameserver", "tentacle")) {
			ToolRun conffiles = ToolRun.run("dpkg-deb", "--info", deb("octoplane-" + part).toString(), "conffiles");
			assertThat(conffiles.output().strip()).isEqualTo("/etc/octoplane/" + part + ".yaml");
			List<String> contents = contents("octoplane-" + part);
			assertThat(contents).contains("-rw-r--r-- ./usr/share/octoplane/" + part + "/" + part + ".jar",
					"-rwxr-xr-x ./usr/share/octoplane/" + part + "/launch",
					"-rw-r--r-- ./lib/systemd/system/octoplane-" + part + ".service",
					"-rw-r--r-- ./etc/octoplane/" + part + ".yaml");
		}
		assertThat(contents("octoplane-tentacle")).contains("-rwxr-xr-x ./usr/bin/octoplane-tentacle");
		assertThat(contents("octoplane-octl")).contains("-rwxr-xr-x ./usr/bin/octl",
				"-rw-r--r-- ./usr/share/octoplane/octl/octl.jar",
				"-rw-r--r-- ./usr/share/doc/octoplane-octl/examples/octl.yaml");
		ToolRun octlInfo = ToolRun.run("dpkg-deb", "--info", deb("octoplane-octl").toString());
		assertThat(octlInfo.output()).doesNotContain("conffiles").doesNotContain("postinst");
	}

	/** Mode and path of every entry; fails on an entry not owned by root:root. */
	private static List<String> contents(String name) throws Exception {
		ToolRun run = ToolRun.run("dpkg-deb", "--contents", deb(name).toString());
		assertThat(run.status()).as(run.output()).isZero();
		List<String> entries = new ArrayList<>();
		for (String line : run.output().strip().split("\n")) {
			String[] columns = line.split("\\s+");
			assertThat(columns[1]).as(line).isEqualTo("root/root");
			entries.add(columns[0] + " " + columns[columns.length - 1]);
		}
		return entries;
	}

	@Test
	void installRemoveAndPurgeInAThrowawayRoot() throws Exception {
		DebianRoot root = DebianRoot.create(dir.resolve("root"));
		List<String> install = new ArrayList<>(List.of("--install"));
		debs.forEach((deb) -> install.add(deb.toString()));
		ToolRun installed = root.dpkg(install.toArray(String[]::new));
		assertThat(installed.status()).as(installed.output()).isZero();

		String passwd = Files.readString(root.path("etc/passwd"));
		assertThat(passwd).containsPattern("(?m)^octoplane:x:\\d+:\\d+:[^:]*:/var/lib/octoplane:/usr/sbin/nologin$");
		int uid = Integer.parseInt(passwd.replaceAll("(?s).*\noctoplane:x:(\\d+):.*", "$1"));
		for (String data : List.of("brain", "nameserver", "tentacle", "tentacle/certs")) {
			assertThat(Files.getAttribute(root.path("var/lib/octoplane/" + data), "unix:uid")).as(data).isEqualTo(uid);
		}
		assertThat(root.path("etc/octoplane/tentacle.yaml")).content()
			.contains("cert: /var/lib/octoplane/tentacle/certs/node.pem")
			.contains("ca: /etc/octoplane/ca.pem");
		assertThat(root.path("lib/systemd/system/octoplane-brain.service")).content()
			.contains("ExecStart=/usr/share/octoplane/brain/launch "
					+ "--spring.config.additional-location=file:/etc/octoplane/brain.yaml")
			.contains("ProtectSystem=strict")
			.contains("User=octoplane")
			.doesNotContain("/opt/octoplane");
		assertThat(root.path("lib/systemd/system/octoplane-tentacle.service")).content()
			.contains("ExecStart=/usr/share/octoplane/tentacle/launch --config /etc/octoplane/tentacle.yaml");

		ToolRun octl = ToolRun.run(root.path("usr/bin/octl").toString(), "--version");
		assertThat(octl.status()).as(octl.output()).isZero();
		assertThat(octl.output()).startsWith("octl ");
		ToolRun tentacle = ToolRun.run(root.path("usr/bin/octoplane-tentacle").toString(), "--version");
		assertThat(tentacle.status()).as(tentacle.output()).isZero();
		assertThat(tentacle.output()).startsWith("tentacle ");
		ToolRun enrollHelp = ToolRun.run(root.path("usr/bin/octoplane-tentacle").toString(), "enroll", "--help");
		assertThat(enrollHelp.output()).contains("--token=TOKEN");

		ToolRun removed = root.dpkg("--remove", "octoplane-tentacle");
		assertThat(removed.status()).as(removed.output()).isZero();
		assertThat(root.path("usr/share/octoplane/tentacle")).doesNotExist();
		assertThat(root.path("etc/octoplane/tentacle.yaml")).exists();
		assertThat(root.path("var/lib/octoplane/tentacle/certs")).isDirectory();

		ToolRun purged = root.dpkg("--purge", "octoplane-tentacle");
		assertThat(purged.status()).as(purged.output()).isZero();
		assertThat(root.path("etc/octoplane/tentacle.yaml")).doesNotExist();
		assertThat(root.path("var/lib/octoplane/tentacle")).doesNotExist();
		assertThat(root.path("etc/octoplane/brain.yaml")).exists();
		assertThat(root.path("etc/passwd")).content().contains("octoplane:");

		ToolRun rest = root.dpkg("--purge", "octoplane-brain", "octoplane-nameserver", "octoplane-octl");
		assertThat(rest.status()).as(rest.output()).isZero();
		assertThat(root.path("etc/octoplane")).doesNotExist();
		assertThat(root.path("var/lib/octoplane")).doesNotExist();
		assertThat(root.path("usr/share/octoplane")).doesNotExist();
		assertThat(root.path("etc/passwd")).content().doesNotContain("octoplane");
		assertThat(root.path("etc/group")).content().doesNotContain("octoplane");
	}

	@Test
	void lintianFindsNoErrorAndNoWarningLeftUnexplained() throws Exception {
		assumeTrue(ToolRun.available("lintian"), "lintian is not installed (apt-get install lintian)");
		List<String> command = new ArrayList<>(List.of("lintian", "--tag-display-limit", "0"));
		debs.forEach((deb) -> command.add(deb.toString()));
		ToolRun run = ToolRun.run(command, Map.of(), Duration.ofMinutes(2));
		assertThat(run.output()).as("lintian findings; explain each in deploy/debian/lintian/")
			.doesNotContainPattern("(?m)^[EW]: ");
		assertThat(run.status()).as(run.output()).isZero();
	}

}
