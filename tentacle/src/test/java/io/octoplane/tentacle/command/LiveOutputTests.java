package io.octoplane.tentacle.command;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.octoplane.protocol.agent.CommandOutput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LiveOutputTests {

	private final List<CommandOutput> sent = new CopyOnWriteArrayList<>();

	@Test
	void chunksAreCappedInOrderAndNeverSplitACharacter() throws InterruptedException {
		LiveOutput live = LiveOutput.start("c1", this.sent::add);
		// 3-byte and 4-byte characters, fed in pieces
		// that cut them, add up to several chunks.
		byte[] text = "a€😀".repeat(5000).getBytes(StandardCharsets.UTF_8);
		for (int offset = 0; offset < text.length; offset += 1000) {
			live.stdout().offer(text, offset, Math.min(1000, text.length - offset));
		}
		live.stderr().offer("oops".getBytes(StandardCharsets.UTF_8), 0, 4);
		live.finish(Duration.ofSeconds(5));
		List<CommandOutput> stdout = this.sent.stream().filter((chunk) -> chunk.stream().equals("stdout")).toList();
		assertThat(stdout).hasSizeGreaterThan(2);
		assertThat(stdout).extracting(CommandOutput::seq)
			.containsExactlyElementsOf(LongStream.range(0, stdout.size()).boxed().toList());
		assertThat(stdout).allSatisfy((chunk) -> {
			assertThat(chunk.commandId()).isEqualTo("c1");
			assertThat(chunk.data().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(16 * 1024);
			assertThat(chunk.data()).doesNotContain("\uFFFD");
		});
		assertThat(String.join("", stdout.stream().map(CommandOutput::data).toList())).isEqualTo("a€😀".repeat(5000));
		assertThat(this.sent).filteredOn((chunk) -> chunk.stream().equals("stderr"))
			.singleElement()
			.satisfies((chunk) -> assertThat(chunk.seq()).isZero())
			.satisfies((chunk) -> assertThat(chunk.data()).isEqualTo("oops"));
		assertThat(live.droppedBytes()).isZero();
	}

	@Test
	void newOutputIsSentWithinTheFlushIntervalWhileRunning() throws InterruptedException {
		LiveOutput live = LiveOutput.start("c1", this.sent::add);
		live.stdout().offer("tick\n".getBytes(StandardCharsets.UTF_8), 0, 5);
		await().atMost(Duration.ofSeconds(2)).until(() -> !this.sent.isEmpty());
		assertThat(this.sent.get(0).data()).isEqualTo("tick\n");
		live.finish(Duration.ofSeconds(5));
	}

	@Test
	void aStalledLinkDropsOutputInsteadOfBlockingTheReader() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		LiveOutput live = LiveOutput.start("c1", (chunk) -> {
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.sent.add(chunk);
		}, 64 * 1024);
		byte[] block = new byte[32 * 1024];
		Arrays.fill(block, (byte) 'x');
		long started = System.nanoTime();
		for (int i = 0; i < 20; i++) {
			live.stdout().offer(block, 0, block.length);
		}
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
		assertThat(live.droppedBytes()).isPositive();
		release.countDown();
		live.finish(Duration.ofSeconds(5));
	}

	@Test
	void characterBoundaryBacksOffOnlyOverACutCharacter() {
		byte[] euro = "x€".getBytes(StandardCharsets.UTF_8);
		assertThat(LiveOutput.characterBoundary(euro, 0, 4)).isEqualTo(4);
		assertThat(LiveOutput.characterBoundary(euro, 0, 3)).isEqualTo(1);
		assertThat(LiveOutput.characterBoundary(euro, 0, 2)).isEqualTo(1);
		assertThat(LiveOutput.characterBoundary(euro, 1, 2)).isEqualTo(1);
		assertThat(LiveOutput.characterBoundary("ab".getBytes(StandardCharsets.UTF_8), 0, 2)).isEqualTo(2);
	}

}
