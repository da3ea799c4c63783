import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './content-security-policy';

describe('contentSecurityPolicy', () => {
  it('allows only the app own scripts in a built app', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('adds the browser transport socket to connect-src only', () => {
    const csp = contentSecurityPolicy({ connect: ['ws://127.0.0.1:4173'] });
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:4173;");
    expect(csp).toContain("script-src 'self';");
  });

  it('relaxes scripts for the dev server and nothing else', () => {
    const csp = contentSecurityPolicy({ devServer: 'http://localhost:5173/' });
    expect(csp).toContain("script-src 'self' 'unsafe-inline' http://localhost:5173;");
    expect(csp).toContain('ws://localhost:5173');
  });
});
