import { describe, expect, it } from 'vitest';
import { usualToolDirs } from './usual-tool-dirs';

describe('usualToolDirs', () => {
  it('on macOS: Homebrew (Apple silicon, then Intel), /usr/bin, then the user’s bin folders', () => {
    expect(usualToolDirs('darwin', { HOME: '/Users/me' })).toEqual([
      '/opt/homebrew/bin',
      '/usr/local/bin',
      '/usr/bin',
      '/Users/me/.local/bin',
      '/Users/me/bin',
    ]);
  });

  it('leaves out the user’s folders when HOME is unknown', () => {
    expect(usualToolDirs('darwin', {})).toEqual([
      '/opt/homebrew/bin',
      '/usr/local/bin',
      '/usr/bin',
    ]);
  });

  it('on Linux: /usr/local/bin, /usr/bin, Linuxbrew, snaps and the user’s bin folders', () => {
    expect(usualToolDirs('linux', { HOME: '/home/me' })).toEqual([
      '/usr/local/bin',
      '/usr/bin',
      '/home/linuxbrew/.linuxbrew/bin',
      '/snap/bin',
      '/home/me/.local/bin',
      '/home/me/bin',
    ]);
  });

  it('on Windows: winget links, Scoop shims and Chocolatey’s bin, at their default places', () => {
    expect(
      usualToolDirs('win32', {
        LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local',
        USERPROFILE: 'C:\\Users\\me',
        ProgramData: 'C:\\ProgramData',
      }),
    ).toEqual([
      'C:\\Users\\me\\AppData\\Local\\Microsoft\\WinGet\\Links',
      'C:\\Users\\me\\scoop\\shims',
      'C:\\ProgramData\\chocolatey\\bin',
    ]);
  });

  it('on Windows: honours SCOOP and ChocolateyInstall when set', () => {
    expect(usualToolDirs('win32', { SCOOP: 'D:\\scoop', ChocolateyInstall: 'D:\\choco' })).toEqual([
      'D:\\scoop\\shims',
      'D:\\choco\\bin',
    ]);
  });
});
