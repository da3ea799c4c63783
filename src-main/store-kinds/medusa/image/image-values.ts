// The image as the store's values name it (`medusa.image.repository` and `medusa.image.tag`),
// and the values the image step hands back for the release.

export interface ImageFromValues {
  repository: string | null;
  tag: string | null;
}

function child(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** `medusa.image.{repository,tag}` from merged values; an empty or missing entry is null. */
export function imageFromValues(values: Record<string, unknown>): ImageFromValues {
  const image = child(child(values, 'medusa'), 'image');
  return { repository: text(child(image, 'repository')), tag: text(child(image, 'tag')) };
}

export interface MedusaImageValues {
  medusa: { image: { repository: string; tag: string; pullPolicy?: 'IfNotPresent' } };
}

/** The values that point the release at the image (pullPolicy only for a locally built one). */
export function medusaImageValues(image: {
  repository: string;
  tag: string;
  pullPolicy: 'IfNotPresent' | null;
}): MedusaImageValues {
  return {
    medusa: {
      image: {
        repository: image.repository,
        tag: image.tag,
        ...(image.pullPolicy === null ? {} : { pullPolicy: image.pullPolicy }),
      },
    },
  };
}
