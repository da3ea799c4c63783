import { CircleX, TriangleAlert, X } from 'lucide-react';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { loadTools, probeContext } from '../../state/actions';
import { useApp } from '../../state/app-store';
import { Button } from '../ui/button';
import { bannerItems } from './banner-items';
import { HelmDownload } from './helm-download';
import { loadSystemCheck, useSetup } from './setup-state';
import { useEffect } from 'react';
import type { BannerAction, BannerItem } from './banner-items';

interface Props {
  notices: string[];
  onDismissNotice: (index: number) => void;
  onError: (message: string) => void;
}

export function Banner({ notices, onDismissNotice, onError }: Props): React.JSX.Element | null {
  const api = useApi();
  const tools = useApp((s) => s.tools);
  const list = useApp((s) => s.contexts);
  const contextsError = useApp((s) => s.contextsError);
  const context = list?.contexts.find((c) => c.name === list.selected) ?? null;
  const probe = useApp((s) => (context ? s.probes[context.name] : undefined));
  const setup = useSetup((s) => s.check);
  const helmMissing = tools !== null && !tools.some((t) => t.name === 'helm' && t.ok);
  // The Helm item offers the download and this system's install step, which the check names.
  useEffect(() => {
    const { check, checking } = useSetup.getState();
    if (helmMissing && !check && !checking) void loadSystemCheck(api);
  }, [api, helmMissing]);
  const items = bannerItems({ tools, context, probe, setup });
  if (contextsError) {
    items.unshift({
      id: 'contexts',
      severity: 'error',
      title: 'Could not read your kubeconfig',
      text: contextsError,
      fix: null,
      action: null,
    });
  }
  if (items.length === 0 && notices.length === 0) return null;

  const run = (action: BannerAction) => {
    if (action === 'recheck-tools') {
      loadTools(api).catch((e: unknown) => onError(errorMessage(e)));
    } else if (context) {
      void probeContext(api, context.name);
    }
  };

  return (
    <div data-testid="banner" role="alert" className="flex flex-col gap-px border-b border-line">
      {items.map((item) => (
        <BannerRow key={item.id} item={item} onAction={run} onError={onError} />
      ))}
      {notices.map((text, i) => (
        <div
          key={`${i}:${text}`}
          className="flex items-start gap-2 bg-failed/10 px-4 py-2"
          data-testid="banner-notice"
        >
          <CircleX aria-hidden size={15} className="mt-0.5 shrink-0 text-failed" />
          <p className="flex-1 whitespace-pre-wrap">{text}</p>
          <button
            type="button"
            aria-label="Dismiss"
            className="rounded-ui p-0.5 text-muted hover:bg-raised"
            onClick={() => onDismissNotice(i)}
          >
            <X aria-hidden size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}

function BannerRow({
  item,
  onAction,
  onError,
}: {
  item: BannerItem;
  onAction: (a: BannerAction) => void;
  onError: (message: string) => void;
}): React.JSX.Element {
  const error = item.severity === 'error';
  const Icon = error ? CircleX : TriangleAlert;
  return (
    <div
      data-testid={`banner-${item.id}`}
      className={`flex items-start gap-2 px-4 py-2 ${error ? 'bg-failed/10' : 'bg-warn/10'}`}
    >
      <Icon
        aria-hidden
        size={15}
        className={`mt-0.5 shrink-0 ${error ? 'text-failed' : 'text-warn'}`}
      />
      <div className="min-w-0 flex-1">
        <p className="font-medium">
          <span className="sr-only">{error ? 'Error: ' : 'Warning: '}</span>
          {item.title}
        </p>
        <p className="whitespace-pre-wrap">{item.text}</p>
        {item.fix ? <p className="text-muted">{item.fix}</p> : null}
      </div>
      {item.action === 'install-helm' ? <HelmDownload onError={onError} /> : null}
      {item.action && item.action !== 'install-helm' ? (
        <Button onClick={() => item.action && onAction(item.action)}>Check again</Button>
      ) : null}
    </div>
  );
}
