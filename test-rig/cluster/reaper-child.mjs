// Watchdog for the test cluster: kills the registered process groups when the launcher is gone,
// even if it died by SIGKILL and never ran its own cleanup. Lines on stdin: "+<pid>", "-<pid>",
// "exit". End of stdin (the launcher's pipe closed) or a dead parent pid means: reap.
import { rmSync } from 'node:fs';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { setInterval, setTimeout } from 'node:timers';

const parentPid = Number(process.argv[2]);
// A temp dir the launcher created; removed after reaping so a killed run leaves nothing behind.
const removeDir = process.argv[3];
const groups = new Set();
let reaping = false;

process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});

function signalAll(signal) {
  for (const pid of groups) {
    try {
      process.kill(-pid, signal);
    } catch {
      groups.delete(pid);
    }
  }
}

function reap() {
  if (reaping) return;
  reaping = true;
  signalAll('SIGTERM');
  setTimeout(() => {
    signalAll('SIGKILL');
    if (removeDir) rmSync(removeDir, { recursive: true, force: true });
    process.exit(0);
  }, 3000);
}

createInterface({ input: process.stdin })
  .on('line', (line) => {
    if (line === 'exit') process.exit(0);
    const pid = Number(line.slice(1));
    if (!Number.isInteger(pid) || pid <= 0) return;
    if (line.startsWith('+')) groups.add(pid);
    if (line.startsWith('-')) groups.delete(pid);
  })
  .on('close', reap);

setInterval(() => {
  try {
    process.kill(parentPid, 0);
  } catch {
    reap();
  }
}, 500);
