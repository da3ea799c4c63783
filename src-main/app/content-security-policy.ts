// One policy for both transports, so the browser host cannot drift from the desktop window.

export interface CspOptions {
  /** extra connect-src sources, e.g. the browser transport's own ws:// origin */
  connect?: readonly string[];
  /** the electron-vite dev server needs inline scripts (React refresh) and its HMR socket */
  devServer?: string;
}

export function contentSecurityPolicy(opts: CspOptions = {}): string {
  const dev = opts.devServer ? new URL(opts.devServer) : null;
  const devSocket = dev ? `ws://${dev.host}` : null;
  const scripts = dev ? ["'self'", "'unsafe-inline'", dev.origin] : ["'self'"];
  const connect = [
    "'self'",
    ...(opts.connect ?? []),
    ...(dev && devSocket ? [dev.origin, devSocket] : []),
  ];
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', scripts],
    // Radix injects <style> elements for scroll locking; inline styles cannot run code.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', connect],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}
