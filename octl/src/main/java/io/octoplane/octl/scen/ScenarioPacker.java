package io.octoplane.octl.scen;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * Packs a scenario folder into a tar.gz for the brain. Files matched by a
 * {@code .gitignore} (in the folder or any folder below, as git reads them), the
 * {@code .git} folder and symbolic links are left out.
 */
final class ScenarioPacker {

	private ScenarioPacker() {
	}

	/**
	 * Packs a folder.
	 * @param folder the scenario folder
	 * @param out where the tar.gz goes; closed when done
	 * @throws IOException if it cannot be read or written
	 */
	static void pack(Path folder, OutputStream out) throws IOException {
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
			tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
			tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
			add(tar, folder, folder, new ArrayList<>());
		}
	}

	private static void add(TarArchiveOutputStream tar, Path root, Path dir, List<Rules> rules) throws IOException {
		List<Rules> here = new ArrayList<>(rules);
		Path gitignore = dir.resolve(".gitignore");
		if (Files.isRegularFile(gitignore)) {
			IgnoreNode node = new IgnoreNode();
			try (InputStream in = Files.newInputStream(gitignore)) {
				node.parse(in);
			}
			here.add(new Rules(dir, node));
		}
		List<Path> children;
		try (Stream<Path> list = Files.list(dir)) {
			children = list.sorted().toList();
		}
		for (Path child : children) {
			boolean directory = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
			if (Files.isSymbolicLink(child) || child.getFileName().toString().equals(".git")
					|| ignored(here, child, directory)) {
				continue;
			}
			if (directory) {
				add(tar, root, child, here);
			}
			else if (Files.isRegularFile(child)) {
				TarArchiveEntry entry = new TarArchiveEntry(root.relativize(child).toString().replace('\\', '/'));
				entry.setSize(Files.size(child));
				entry.setMode(Files.isExecutable(child) ? 0100755 : 0100644);
				tar.putArchiveEntry(entry);
				Files.copy(child, tar);
				tar.closeArchiveEntry();
			}
		}
	}

	private static boolean ignored(List<Rules> rules, Path path, boolean directory) {
		// The deepest .gitignore that has an opinion wins, as in git.
		for (int i = rules.size() - 1; i >= 0; i--) {
			Rules rule = rules.get(i);
			String relative = rule.dir().relativize(path).toString().replace('\\', '/');
			IgnoreNode.MatchResult result = rule.node().isIgnored(relative, directory);
			if (result == IgnoreNode.MatchResult.IGNORED) {
				return true;
			}
			if (result == IgnoreNode.MatchResult.NOT_IGNORED) {
				return false;
			}
		}
		return false;
	}

	private record Rules(Path dir, IgnoreNode node) {

	}

}
