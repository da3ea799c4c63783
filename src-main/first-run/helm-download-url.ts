// STOREFLEET_HELM_DOWNLOAD_URL is a test seam: it points the Helm download at a local server that
// stands in for get.helm.sh (the e2e specs serve a small archive and its checksum). Only a
// loopback address is taken; anything else is ignored, so that the archive and the checksum it is
// checked against never come from anywhere but Helm's own download site in real use.
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const HELM_DOWNLOAD_URL_ENV = 'STOREFLEET_HELM_DOWNLOAD_URL';

/** The test download base URL from the environment, or undefined for get.helm.sh. */
export function helmDownloadUrlSeam(
  env: NodeJS.ProcessEnv,
  log?: (line: string) => void,
): string | undefined {
  const raw = env[HELM_DOWNLOAD_URL_ENV]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    log?.(`${HELM_DOWNLOAD_URL_ENV} is not a URL; Helm is downloaded from get.helm.sh`);
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK.has(url.hostname)) {
    log?.(
      `${HELM_DOWNLOAD_URL_ENV} is a test seam for a server on this computer only; Helm is downloaded from get.helm.sh`,
    );
    return undefined;
  }
  return raw.replace(/\/+$/, '');
}
