import { useResources } from './resources-store';
import { resourceCellText } from './format-resources';

/** A list row's Resources cell: "210m · 380 Mi / 2 Gi", or a dash without figures. */
export function ResourceCell({
  storeId,
  name,
}: {
  storeId: string;
  name: string;
}): React.JSX.Element {
  const use = useResources((s) => s.byStore[storeId]);
  const text = resourceCellText(use);
  return text === null ? (
    <span aria-label="No resource figures" title="No resource figures">
      –
    </span>
  ) : (
    <span
      data-testid={`store-resources-${name}`}
      title="CPU and memory now · the store's memory limit"
    >
      {text}
    </span>
  );
}
