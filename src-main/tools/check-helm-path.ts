import { constants } from 'node:fs';
import { access, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './exec';
import {
  MIN_HELM_VERSION,
  VERSION_ARGS,
  executableNames,
  isSupportedHelm,
  parseToolVersion,
} from './find-tool';
import { isToolError } from './tool-error';

/** How long a configured Helm may take to print its version before it is refused. */
export const HELM_PATH_CHECK_TIMEOUT_MS = 5_000;
const ANSWER_MAX_CHARS = 120;

export type HelmPathCheck =
  { ok: true; path: string; version: string } | { ok: false; problem: string };

const LEAVE_EMPTY =
  'Set the full path to the helm program, or leave it empty to find helm on PATH.';
const NEEDED = `Storefleet needs ${MIN_HELM_VERSION.major}.${MIN_HELM_VERSION.minor} or newer`;

/** One printable line, short enough for a dialog; a program may print anything. */
function oneLine(text: string): string {
  // Control characters (terminal escapes included) become spaces.
  const printable = [...text].map((c) => (c < ' ' || c === '\u007f' ? ' ' : c)).join('');
  const line = printable.replace(/\s+/g, ' ').trim();
  return line.length > ANSWER_MAX_CHARS ? `${line.slice(0, ANSWER_MAX_CHARS - 3)}...` : line;
}

/** The file to run: the path itself, or the helm program in it when it is a folder. */
async function resolveFile(
  configured: string,
  env: NodeJS.ProcessEnv,
): Promise<{ file: string } | { problem: string }> {
  let info;
  try {
    info = await stat(configured);
  } catch {
    return { problem: `There is no file at ${configured}. ${LEAVE_EMPTY}` };
  }
  if (info.isFile()) return { file: configured };
  if (info.isDirectory()) {
    for (const name of executableNames('helm', env)) {
      const inside = join(configured, name);
      if ((await stat(inside).catch(() => null))?.isFile()) return { file: inside };
    }
    return { problem: `The folder ${configured} holds no helm program. ${LEAVE_EMPTY}` };
  }
  return { problem: `${configured} is not a file. ${LEAVE_EMPTY}` };
}

/**
 * Decides whether a path the user chose for Helm may be saved: it must be an executable file (or
 * a folder holding one) whose `helm version` answer is Helm 3.12 or newer. The program is run
 * once, in an empty folder and under a deadline; anything else comes back as the reason.
 */
export async function checkHelmPath(
  configured: string,
  opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<HelmPathCheck> {
  const env = opts.env ?? process.env;
  const timeoutMs = opts.timeoutMs ?? HELM_PATH_CHECK_TIMEOUT_MS;
  const resolved = await resolveFile(configured, env);
  if ('problem' in resolved) return { ok: false, problem: resolved.problem };
  const { file } = resolved;
  try {
    await access(file, constants.X_OK);
  } catch {
    return {
      ok: false,
      problem: `${file} is not executable, so it cannot be Helm. ${LEAVE_EMPTY}`,
    };
  }

  const notHelm = (answer: string): HelmPathCheck => ({
    ok: false,
    problem: `${file} is not Helm: its \`version\` answered ${answer}. ${LEAVE_EMPTY}`,
  });
  // A program that is not Helm may read its arguments as file names: give it nothing to find.
  const cwd = await mkdtemp(join(tmpdir(), 'storefleet-helm-check-'));
  let stdout: string;
  try {
    ({ stdout } = await runCommand(file, VERSION_ARGS.helm, { timeoutMs, env, cwd }));
  } catch (error) {
    if (isToolError(error, 'timeout')) {
      const seconds = Math.round(timeoutMs / 100) / 10;
      return notHelm(`nothing within ${seconds} s`);
    }
    const detail = oneLine(isToolError(error) ? error.message : String(error));
    return notHelm(`with an error (${detail || 'no message'})`);
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }

  const version = parseToolVersion('helm', stdout);
  if (version === null) {
    const answer = oneLine(stdout);
    return notHelm(answer ? `"${answer}"` : 'nothing');
  }
  if (!isSupportedHelm(version)) {
    return {
      ok: false,
      problem: `Helm ${version.replace(/^v/, '')} at ${file} is too old; ${NEEDED}.`,
    };
  }
  return { ok: true, path: file, version };
}
