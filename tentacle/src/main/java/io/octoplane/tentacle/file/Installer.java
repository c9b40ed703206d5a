package io.octoplane.tentacle.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.octoplane.protocol.file.FileKind;
import io.octoplane.protocol.file.FileReceiveSpec;
import io.octoplane.protocol.file.TarArchives;

/**
 * Puts a verified blob in its place with a rename, so the final name shows either the old
 * content or the whole new one, never a half-written file. A folder is unpacked into a
 * hidden staging folder next to the target first (where the archive rules are enforced)
 * and swapped in by renames. The temporary names carry a tag of the installing node, so
 * nodes that share the folder do not trip over each other's files; the last one to finish
 * wins, whole.
 */
final class Installer {

	private Installer() {
	}

	// Another node sharing the folder may swap its copy in between our two renames. Each
	// other node's swap can break at most two of our attempts (moving the target away,
	// then landing its own), so this covers eight nodes finishing at the same instant.
	private static final int SWAP_ATTEMPTS = 17;

	static Path install(FileReceiveSpec spec, Path part, Path folder, String tag) throws IOException {
		Path target = folder.resolve(spec.name());
		if (spec.kind() == FileKind.FILE) {
			if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
				throw new IOException(target + " is a folder; a file cannot replace it");
			}
			Files.setPosixFilePermissions(part, TarArchives.toPermissions(spec.mode()));
			move(part, target);
			return target;
		}
		Path staging = folder
			.resolve("." + spec.name() + "." + spec.sha256().substring(0, 12) + "." + tag + ".octoplane-unpack");
		deleteTree(staging);
		try {
			try (InputStream in = Files.newInputStream(part)) {
				TarArchives.unpack(in, staging);
			}
			Path old = folder.resolve("." + spec.name() + "." + tag + ".octoplane-old");
			swapIn(staging, target, old);
		}
		finally {
			deleteTree(staging);
			Files.deleteIfExists(part);
		}
		return target;
	}

	private static void swapIn(Path staging, Path target, Path old) throws IOException {
		for (int attempt = 1;; attempt++) {
			deleteTree(old);
			try {
				if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
					move(target, old);
				}
				move(staging, target);
				deleteTree(old);
				return;
			}
			catch (FileSystemException ex) {
				// The other node's rename landed between ours: the target vanished,
				// appeared,
				// or is now a full folder (rename(2) says ENOTEMPTY, which the JDK
				// reports
				// as a plain FileSystemException). Bounded: try again with the new state.
				if (attempt >= SWAP_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	static void deleteTree(Path path) throws IOException {
		if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(path)) {
			List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
			for (Path each : all) {
				if (Files.isDirectory(each, LinkOption.NOFOLLOW_LINKS)) {
					// A folder unpacked read-only must still be removable.
					each.toFile().setWritable(true, true);
				}
			}
			for (Path each : all) {
				Files.delete(each);
			}
		}
	}

}
