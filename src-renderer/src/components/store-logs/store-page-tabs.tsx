export type StorePageTab = 'overview' | 'logs';

const TABS: { id: StorePageTab; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'logs', label: 'Logs' },
];

/** The store page's two views; Logs subscribes to the store's logs only while it is shown. */
export function StorePageTabs({
  tab,
  onChange,
}: {
  tab: StorePageTab;
  onChange: (tab: StorePageTab) => void;
}): React.JSX.Element {
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const next = TABS[(TABS.findIndex((t) => t.id === tab) + 1) % TABS.length];
    if (next) onChange(next.id);
  };
  return (
    <div
      role="tablist"
      aria-label="Store views"
      className="flex shrink-0 gap-1 border-b border-line px-3"
    >
      {TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={t.id === tab}
          tabIndex={t.id === tab ? 0 : -1}
          data-testid={`store-tab-${t.id}`}
          onClick={() => onChange(t.id)}
          onKeyDown={onKeyDown}
          className={`-mb-px border-b-2 px-2 py-1.5 text-[13px] focus-visible:outline-2 focus-visible:outline-accent ${t.id === tab ? 'border-accent font-semibold' : 'border-transparent text-muted hover:text-fg'}`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
