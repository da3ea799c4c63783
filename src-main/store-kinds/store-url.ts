/** A store's address: `<scheme>://<host>`, with the port only when it is not the scheme's own. */
export function storeUrl(host: string, scheme: 'http' | 'https', port?: number): string {
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    throw new Error(`port ${port} is not a TCP port`);
  }
  const defaultPort = scheme === 'https' ? 443 : 80;
  const suffix = port === undefined || port === defaultPort ? '' : `:${port}`;
  return `${scheme}://${host}${suffix}`;
}
