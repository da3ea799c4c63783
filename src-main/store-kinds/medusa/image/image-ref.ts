/** The repository Storefleet builds the Medusa backend image under (the chart's default too). */
export const MEDUSA_IMAGE_REPOSITORY = 'storefleet/medusa-backend';

export function medusaImageRef(tag: string): string {
  return `${MEDUSA_IMAGE_REPOSITORY}:${tag}`;
}

/**
 * An image name as a person writes it for Docker Hub: containerd on a node reports
 * `docker.io/storefleet/medusa-backend:<tag>` (and `docker.io/library/<name>` for official
 * images) where docker and k3d say `storefleet/medusa-backend:<tag>`; k3d strips the same
 * prefixes on import.
 */
export function shortImageName(name: string): string {
  const plain = name.trim();
  if (plain.startsWith('docker.io/library/')) return plain.slice('docker.io/library/'.length);
  if (plain.startsWith('docker.io/')) return plain.slice('docker.io/'.length);
  return plain;
}

/** True when one of a node's image names is `ref` (names with a digest are other names). */
export function listsImage(names: readonly string[], ref: string): boolean {
  const wanted = shortImageName(ref);
  return names.some((name) => shortImageName(name) === wanted);
}
