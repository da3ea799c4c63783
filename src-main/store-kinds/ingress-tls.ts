import type { StorefrontTlsNames } from './driver';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * What names a store's certificate, from the `ingress.tls` values its chart takes (WooCommerce's
 * and Medusa's alike): the chart's Ingress asks cert-manager for a Certificate named after its
 * TLS Secret, `<release>-tls` unless the values name one. Empty when TLS is off.
 */
export function ingressTlsNames(
  release: string,
  values: Record<string, unknown>,
): StorefrontTlsNames {
  const ingress = values['ingress'];
  const tls =
    ingress && typeof ingress === 'object' ? (ingress as Record<string, unknown>)['tls'] : null;
  if (!tls || typeof tls !== 'object') return {};
  const t = tls as Record<string, unknown>;
  if (t['enabled'] !== true) return {};
  return {
    tlsCertificate: text(t['secretName']) ?? `${release}-tls`,
    tlsClusterIssuer: text(t['clusterIssuer']),
  };
}
