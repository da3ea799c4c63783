/** All, each component of the store, then Events: one of them is shown at a time. */
export function ComponentFilter({
  options,
  value,
  onChange,
}: {
  options: readonly string[];
  value: string;
  onChange: (value: string) => void;
}): React.JSX.Element {
  return (
    <div role="radiogroup" aria-label="Component" className="flex flex-wrap gap-1">
      {options.map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={option === value}
          data-testid={`log-filter-${option}`}
          onClick={() => onChange(option)}
          className={`h-6 rounded-ui border px-2 text-xs focus-visible:outline-2 focus-visible:outline-accent ${option === value ? 'border-accent bg-accent text-accent-fg' : 'border-line hover:bg-raised'}`}
        >
          {option}
        </button>
      ))}
    </div>
  );
}
