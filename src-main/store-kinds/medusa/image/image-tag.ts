// The Medusa image's tag is a fingerprint of the backend project's source: the same files give
// the same tag (so a cluster that already holds the image needs no build), any change gives a
// new one (so a store never runs an image built from older source under the same name).
import { createHash } from 'node:crypto';
import { lstat, readFile, readdir, readlink } from 'node:fs/promises';
import { join, posix } from 'node:path';

/** Folders never part of the source, wherever they are: installs and version control. */
const SKIPPED_ANYWHERE = new Set(['node_modules', '.git']);
/**
 * At the project's top level: build output (`medusa build` writes .medusa/), and what a server
 * run from the folder leaves behind (caches, uploads in static/). images/medusa/.dockerignore
 * keeps these out of the build context, so they cannot change the image.
 */
const SKIPPED_AT_TOP = new Set(['.medusa', 'dist', 'build', '.cache', 'static']);
/** Top-level files the build context leaves out too: local environment files and logs. */
const SKIPPED_FILE_AT_TOP = /^(\.env|\.env\..*|.*\.log)$/;

export const IMAGE_TAG_LENGTH = 12;

interface SourceEntry {
  /** relative POSIX path */
  path: string;
  kind: 'file' | 'link';
  absolute: string;
  executable: boolean;
}

async function collect(root: string, relative: string, out: SourceEntry[]): Promise<void> {
  const dir = relative === '' ? root : join(root, ...relative.split('/'));
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = relative === '' ? entry.name : posix.join(relative, entry.name);
    const absolute = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_ANYWHERE.has(entry.name)) continue;
      if (relative === '' && SKIPPED_AT_TOP.has(entry.name)) continue;
      await collect(root, path, out);
    } else if (relative === '' && SKIPPED_FILE_AT_TOP.test(entry.name)) {
      continue;
    } else if (entry.isSymbolicLink()) {
      out.push({ path, kind: 'link', absolute, executable: false });
    } else if (entry.isFile()) {
      const mode = (await lstat(absolute)).mode;
      // COPY keeps the mode, so making the entry script executable changes the image.
      out.push({ path, kind: 'file', absolute, executable: (mode & 0o111) !== 0 });
    }
  }
}

/** The project's source files as relative POSIX paths, sorted, without the skipped folders. */
export async function sourceFiles(projectDir: string): Promise<string[]> {
  return (await sortedEntries(projectDir)).map((entry) => entry.path);
}

async function sortedEntries(projectDir: string): Promise<SourceEntry[]> {
  const entries: SourceEntry[] = [];
  await collect(projectDir, '', entries);
  return entries.sort((a, b) => compare(a.path, b.path));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The first 12 hex digits of a sha256 over every source file's relative POSIX path, kind,
 * executable bit and content, in path order (so the order the file system lists them in does
 * not matter). Rejects when the folder cannot be read.
 */
export async function imageTag(projectDir: string): Promise<string> {
  const entries = await sortedEntries(projectDir);
  const hash = createHash('sha256');
  for (const entry of entries) {
    const content =
      entry.kind === 'link'
        ? Buffer.from(await readlink(entry.absolute), 'utf8')
        : await readFile(entry.absolute);
    const kind = entry.kind === 'link' ? 'link' : entry.executable ? 'exec' : 'file';
    // Lengths keep one file's end from passing for the next file's start.
    hash.update(`${entry.path}\0${kind}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest('hex').slice(0, IMAGE_TAG_LENGTH);
}
