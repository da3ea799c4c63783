import { posix, win32 } from 'node:path';

/**
 * Folders where package managers put command-line tools, searched after the PATH. An app started
 * from the macOS Finder or Dock gets launchd's minimal PATH (/usr/bin:/bin:/usr/sbin:/sbin), not
 * the shell's, so Homebrew's helm would go unseen; on Windows, winget, Scoop and Chocolatey link
 * their tools into folders a GUI app's PATH may lack until the next sign-in.
 */
export function usualToolDirs(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') return windowsDirs(env);
  const home = env.HOME;
  const inHome = home ? [posix.join(home, '.local/bin'), posix.join(home, 'bin')] : [];
  if (platform === 'darwin') {
    // Homebrew on Apple silicon, then Homebrew on Intel (also where many installers link to).
    return ['/opt/homebrew/bin', '/usr/local/bin', '/usr/bin', ...inHome];
  }
  return ['/usr/local/bin', '/usr/bin', '/home/linuxbrew/.linuxbrew/bin', '/snap/bin', ...inHome];
}

function windowsDirs(env: NodeJS.ProcessEnv): string[] {
  const dirs: string[] = [];
  const under = (base: string | undefined, ...parts: string[]): void => {
    if (base) dirs.push(win32.join(base, ...parts));
  };
  // winget puts a link to each portable command-line package here.
  under(env.LOCALAPPDATA, 'Microsoft', 'WinGet', 'Links');
  // Scoop's shims: $SCOOP when set, else its default under the user's profile.
  if (env.SCOOP) under(env.SCOOP, 'shims');
  else under(env.USERPROFILE, 'scoop', 'shims');
  // Chocolatey's shims: $ChocolateyInstall when set, else its default under ProgramData.
  if (env.ChocolateyInstall) under(env.ChocolateyInstall, 'bin');
  else under(env.ProgramData ?? env.ALLUSERSPROFILE, 'chocolatey', 'bin');
  return dirs;
}
