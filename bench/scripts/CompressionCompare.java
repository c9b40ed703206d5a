import java.io.*;
import java.util.*;
import java.util.zip.*;
import io.octoplane.protocol.agent.*;
import com.github.luben.zstd.*;

public class CompressionCompare {
	interface Codec { OutputStream wrap(OutputStream o) throws IOException; String name(); }
	public static void main(String[] a) throws Exception {
		FrameCodec fc = new FrameCodec(16 << 20);
		List<byte[]> hb = new ArrayList<>();
		long t = 1765100000000L;
		for (int i = 0; i < 60; i++) {
			NodeStatus s = (i % 10 == 0) ? new NodeStatus(4, 0.12 + i * 0.01, 0.2, 0.3, 812345678L + i * 4096, 4023456789L, 12345678901L + i * 8192, 31234567890L, 86400 + i * 10, t + i * 10000) : null;
			hb.add(fc.encode(new Heartbeat(i, t + i * 10000, s, 1200 + i, -3)));
		}
		List<byte[]> hbFull = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			NodeStatus s = new NodeStatus(4, 0.12 + i * 0.01, 0.2, 0.3, 812345678L + i * 4096, 4023456789L, 12345678901L + i * 8192, 31234567890L, 86400 + i * 10, t + i * 10000);
			hbFull.add(fc.encode(new Heartbeat(i, t + i * 10000, s, 1200 + i, -3)));
		}
		List<byte[]> cmd = List.of(
				fc.encode(new CommandStarted("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", t)),
				fc.encode(new CommandResult("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", CommandOutcome.SUCCEEDED, 0,
						" 13:45:12 up 12 days,  3:04,  1 user,  load average: 0.12, 0.20, 0.30\n", "", false, t, t + 12, null)));
		StringBuilder text = new StringBuilder();
		Random r = new Random(7);
		String[] words = {"kernel", "eth0", "link", "up", "usb", "device", "connected", "systemd", "Started", "service", "session", "of", "user", "root", "wlan0", "dhcp", "lease", "renewed", "for", "seconds"};
		int line = 0;
		while (text.length() < 1 << 20) {
			text.append(String.format("Dec  7 13:%02d:%02d edge-%03d %s[%d]: ", (line / 60) % 60, line % 60, line % 50, words[r.nextInt(words.length)], 1000 + r.nextInt(9000)));
			int n = 4 + r.nextInt(8);
			for (int i = 0; i < n; i++) text.append(words[r.nextInt(words.length)]).append(' ');
			text.append(r.nextInt(100000)).append('\n');
			line++;
		}
		String mb = text.substring(0, 1 << 20);
		List<byte[]> big = List.of(fc.encode(new CommandResult("id-1mb", CommandOutcome.SUCCEEDED, 0, mb, "", false, t, t + 1, null)));
		Codec[] codecs = {
			new Codec() { public OutputStream wrap(OutputStream o) { return o; } public String name() { return "none"; } },
			new Codec() { public OutputStream wrap(OutputStream o) { return new DeflaterOutputStream(o, new Deflater(1), 8192, true); } public String name() { return "deflate-1"; } },
			new Codec() { public OutputStream wrap(OutputStream o) { return new DeflaterOutputStream(o, new Deflater(6), 8192, true); } public String name() { return "deflate-6"; } },
			new Codec() { public OutputStream wrap(OutputStream o) throws IOException { ZstdOutputStream z = new ZstdOutputStream(o, 1); return z; } public String name() { return "zstd-1"; } },
			new Codec() { public OutputStream wrap(OutputStream o) throws IOException { ZstdOutputStream z = new ZstdOutputStream(o, 3); return z; } public String name() { return "zstd-3"; } },
		};
		Map<String, List<byte[]>> sets = new LinkedHashMap<>();
		sets.put("heartbeats x60 (status every 10th)", hb);
		sets.put("heartbeats x60 (status in each)", hbFull);
		sets.put("cmd run (started+result)", cmd);
		sets.put("1 MiB text result", big);
		for (var e : sets.entrySet()) {
			System.out.println("== " + e.getKey());
			for (Codec c : codecs) {
				long best = Long.MAX_VALUE; long size = 0;
				for (int rep = 0; rep < 15; rep++) {
					ByteArrayOutputStream sink = new ByteArrayOutputStream();
					long s0 = System.nanoTime();
					OutputStream o = c.wrap(sink);
					for (byte[] f : e.getValue()) { o.write(f); o.flush(); }
					long el = System.nanoTime() - s0;
					best = Math.min(best, el); size = sink.size();
				}
				System.out.printf("%-10s %9d bytes  %8.2f ms%n", c.name(), size, best / 1e6);
			}
		}
	}
}
