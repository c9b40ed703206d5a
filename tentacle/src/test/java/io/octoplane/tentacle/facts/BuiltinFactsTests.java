package io.octoplane.tentacle.facts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import io.octoplane.protocol.host.HostSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltinFactsTests {

	@TempDir
	Path dir;

	@Test
	void readsOsCpuMemoryAndBootTimeFromProcAndOsRelease() throws IOException {
		Path proc = Files.createDirectories(this.dir.resolve("proc"));
		Files.createDirectories(proc.resolve("sys/kernel"));
		Files.writeString(proc.resolve("sys/kernel/hostname"), "pi1\n");
		Files.writeString(proc.resolve("cpuinfo"),
				"processor\t: 0\nmodel name\t: ARMv7 Processor rev 4 (v7l)\nprocessor\t: 1\n");
		Files.writeString(proc.resolve("meminfo"), "MemTotal:  1024 kB\nMemAvailable:  512 kB\n");
		Files.writeString(proc.resolve("loadavg"), "0.1 0.2 0.3 1/100 42\n");
		Files.writeString(proc.resolve("uptime"), "100.5 50.1\n");
		Files.writeString(proc.resolve("stat"), "cpu 1 2 3\nbtime 1764000000\n");
		Files.writeString(proc.resolve("mounts"), "");
		Path osRelease = Files.writeString(this.dir.resolve("os-release"),
				"PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n");
		Map<String, String> facts = new BuiltinFacts(proc, osRelease,
				new HostSampler(proc, this.dir, Clock.systemUTC()), "1.2.3")
			.collect();
		assertThat(facts).containsEntry("hostname", "pi1")
			.containsEntry("os", "debian")
			.containsEntry("os_version", "12")
			.containsEntry("os_name", "Debian GNU/Linux 12 (bookworm)")
			.containsEntry("cpu_model", "ARMv7 Processor rev 4 (v7l)")
			.containsEntry("cpu_count", "2")
			.containsEntry("memory_total", "1048576")
			.containsEntry("boot_time", "1764000000")
			.containsEntry("tentacle_version", "1.2.3")
			.containsKeys("kernel", "arch", "java_version");
	}

	@Test
	void unreadableSourcesLeaveTheirFactsOut() {
		Map<String, String> facts = new BuiltinFacts(this.dir.resolve("none"), this.dir.resolve("none"),
				new HostSampler(this.dir.resolve("none"), this.dir, Clock.systemUTC()), "1.2.3")
			.collect();
		assertThat(facts).containsKeys("os", "cpu_count", "arch").doesNotContainKeys("memory_total", "boot_time");
	}

	@Test
	void architecturesUseOneSpellingPerFamily() {
		assertThat(BuiltinFacts.arch("x86_64")).isEqualTo("amd64");
		assertThat(BuiltinFacts.arch("aarch64")).isEqualTo("arm64");
		assertThat(BuiltinFacts.arch("arm")).isEqualTo("armv7");
		assertThat(BuiltinFacts.arch("riscv64")).isEqualTo("riscv64");
	}

}
