import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  files: number;
  rawBytes: number;
  /** node:zlib at its default level, close to what a static server would send */
  gzipBytes: number;
}

/** Size of the renderer's JavaScript as shipped: every out/renderer/assets/*.js file. */
export async function rendererJsSize(rendererDir: string): Promise<BundleSize> {
  const assets = join(rendererDir, 'assets');
  const names = (await readdir(assets)).filter((n) => n.endsWith('.js'));
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const name of names) {
    const bytes = await readFile(join(assets, name));
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes).length;
  }
  return { files: names.length, rawBytes, gzipBytes };
}

/** The renderer's JavaScript files (by name) that contain `text`. */
export async function rendererFilesContaining(
  rendererDir: string,
  text: string,
): Promise<string[]> {
  const assets = join(rendererDir, 'assets');
  const names = (await readdir(assets)).filter((n) => n.endsWith('.js'));
  const hits: string[] = [];
  for (const name of names) {
    if ((await readFile(join(assets, name), 'utf8')).includes(text)) hits.push(name);
  }
  return hits;
}
