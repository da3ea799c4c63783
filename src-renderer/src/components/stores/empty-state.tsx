// The first screen when there is nothing to list: the one next step for where this computer is
// (no kubeconfig, no context chosen, the cluster not answering, no Helm), and for a context with
// no stores yet, the Create button. What is installed is listed below the step.
import { CircleCheck, CircleX, Plus, Store as StoreIcon } from 'lucide-react';
import { useEffect } from 'react';
import type { SystemCheck } from '../../../../src-shared/types/service-types';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { loadContexts, probeContext } from '../../state/actions';
import { lastProbe, useApp } from '../../state/app-store';
import { HelmDownload } from '../banner/helm-download';
import { LocalClusterCreate } from '../banner/local-cluster-create';
import { nextStep } from '../banner/next-step';
import type { NextStep } from '../banner/next-step';
import { loadSystemCheck, useSetup } from '../banner/setup-state';
import { Button } from '../ui/button';

function useNextStep(): { step: NextStep; check: SystemCheck | null } {
  const api = useApi();
  const contexts = useApp((s) => s.contexts);
  const contextsError = useApp((s) => s.contextsError);
  const tools = useApp((s) => s.tools);
  const probe = useApp((s) =>
    s.contexts?.selected ? lastProbe(s.probes[s.contexts.selected]) : null,
  );
  const check = useSetup((s) => s.check);
  const known = contexts !== null || contextsError !== null;
  // Read once the app knows its contexts, so the snapshots main is asked for come first.
  useEffect(() => {
    const { check: had, checking } = useSetup.getState();
    if (known && !had && !checking) void loadSystemCheck(api);
  }, [api, known]);
  return { step: nextStep({ contexts, contextsError, probe, tools, check }), check };
}

function Command({ text }: { text: string }): React.JSX.Element {
  return (
    <pre className="max-w-full overflow-x-auto rounded-ui border border-line bg-raised px-3 py-2 text-left font-mono text-[12px] select-all">
      {text}
    </pre>
  );
}

function StepView({
  step,
  onError,
}: {
  step: Exclude<NextStep, { step: 'create-store' }>;
  onError: (message: string) => void;
}): React.JSX.Element {
  const api = useApi();
  const recheck = (): void => {
    loadContexts(api).catch((e: unknown) => onError(errorMessage(e)));
    void loadSystemCheck(api);
  };
  const again = <Button onClick={recheck}>Check again</Button>;
  switch (step.step) {
    case 'checking':
      return <p className="text-muted">Looking at this computer…</p>;
    case 'fix-kubeconfig':
      return (
        <>
          <h2 className="text-base font-semibold">Your kubeconfig could not be read</h2>
          <p>{step.message}</p>
          <p className="text-muted">
            Fix {step.file ?? 'the file'} (or move it aside), then check again.
          </p>
          {again}
        </>
      );
    case 'install-docker':
    case 'start-docker':
    case 'install-k3d':
      return (
        <>
          <h2 className="text-base font-semibold">No Kubernetes cluster yet</h2>
          <p className="text-muted">
            There is no kubeconfig with a cluster on this computer. Storefleet creates its stores on
            a local k3d cluster, which runs in Docker.
          </p>
          <p className="font-medium">
            Next:{' '}
            {step.step === 'install-docker'
              ? 'install Docker.'
              : step.step === 'start-docker'
                ? 'start Docker.'
                : 'install k3d.'}
          </p>
          {step.tool.problem ? <p>{step.tool.problem}</p> : null}
          <p>{step.tool.install}</p>
          {step.tool.command ? <Command text={step.tool.command} /> : null}
          {again}
        </>
      );
    case 'create-cluster':
      return (
        <>
          <h2 className="text-base font-semibold">No Kubernetes cluster yet</h2>
          <p className="text-muted">
            Docker and k3d are ready. Create a local cluster with port 80 open for the stores’
            addresses; it appears here on its own once it is up.
          </p>
          <LocalClusterCreate />
          <p className="text-muted">Or create it yourself in a terminal:</p>
          <Command text={step.command} />
          {again}
        </>
      );
    case 'choose-context':
      return (
        <>
          <h2 className="text-base font-semibold">Choose a cluster</h2>
          <p className="text-muted">
            Your kubeconfig has {step.count === 1 ? 'one context' : `${step.count} contexts`}.
            Choose the one to run stores on with the context menu in the top bar.
          </p>
        </>
      );
    case 'start-cluster':
      return (
        <>
          <h2 className="text-base font-semibold">{step.context} is not answering</h2>
          <p>{step.message}</p>
          <p className="text-muted">Start the cluster, then check again.</p>
          <Button onClick={() => void probeContext(api, step.context)}>Check again</Button>
        </>
      );
    case 'get-helm':
      return (
        <>
          <h2 className="text-base font-semibold">Storefleet needs Helm</h2>
          <p className="text-muted">
            {step.problem ??
              'Every store is installed, upgraded and deleted with Helm, and it is not on this computer.'}
          </p>
          <HelmDownload onError={onError} primary />
          {step.helm?.command ? (
            <>
              <p className="text-muted">Or install it yourself:</p>
              <Command text={step.helm.command} />
            </>
          ) : null}
        </>
      );
  }
}

/** Docker, k3d, Helm and kubectl: found (with version) or not, why each matters. */
function ToolList({ check }: { check: SystemCheck }): React.JSX.Element {
  return (
    <section aria-label="Programs on this computer" className="mt-6 w-full text-left">
      <h3 className="mb-2 font-medium">On this computer</h3>
      <ul className="flex flex-col gap-2" data-testid="setup-tools">
        {check.tools.map((tool) => (
          <li key={tool.name} className="flex items-start gap-2" data-testid={`setup-${tool.name}`}>
            {tool.ok ? (
              <CircleCheck aria-hidden size={15} className="mt-0.5 shrink-0 text-ready" />
            ) : (
              <CircleX aria-hidden size={15} className="mt-0.5 shrink-0 text-failed" />
            )}
            <div className="min-w-0">
              <p>
                <span className="font-medium">{tool.label}</span>{' '}
                {tool.version ? <span className="text-muted">{tool.version}</span> : null}
                {tool.ok ? null : (
                  <span className="text-muted">
                    {' '}
                    —{' '}
                    {tool.path
                      ? tool.daemonRunning === false
                        ? 'not running'
                        : 'not usable'
                      : 'not found'}
                    {tool.required ? '' : ' (optional)'}
                  </span>
                )}
              </p>
              {!tool.ok && tool.problem ? <p>{tool.problem}</p> : null}
              <p className="text-muted">{tool.purpose}</p>
              {tool.ok ? null : <p className="text-muted">{tool.install}</p>}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** No context to show stores for: what to do first. */
export function NoContextState({
  onError,
}: {
  onError: (message: string) => void;
}): React.JSX.Element {
  const { step, check } = useNextStep();
  return (
    <div
      className="mx-auto mt-12 flex max-w-lg flex-col items-center gap-3 px-4 text-center"
      data-testid="first-run"
      data-step={step.step}
    >
      {step.step === 'create-store' ? null : <StepView step={step} onError={onError} />}
      {check ? <ToolList check={check} /> : null}
    </div>
  );
}

export function EmptyState({
  context,
  onCreate,
  onError = () => undefined,
}: {
  context: string;
  onCreate: () => void;
  onError?: (message: string) => void;
}): React.JSX.Element {
  const { step, check } = useNextStep();
  if (step.step !== 'create-store' && step.step !== 'checking') {
    return (
      <div
        className="mx-auto mt-12 flex max-w-lg flex-col items-center gap-3 px-4 text-center"
        data-testid="first-run"
        data-step={step.step}
      >
        <StepView step={step} onError={onError} />
        {check ? <ToolList check={check} /> : null}
      </div>
    );
  }
  return (
    <div
      className="mx-auto mt-16 flex max-w-md flex-col items-center gap-3 text-center"
      data-testid="first-run"
      data-step="create-store"
    >
      <StoreIcon aria-hidden size={32} className="text-muted" />
      <h2 className="text-base font-semibold">No stores on {context} yet</h2>
      <p className="text-muted">
        Each store is a WooCommerce shop in its own namespace, with its own database and an address
        like <span className="font-mono">http://name.localhost</span>. It is Ready once a real test
        order has gone through its checkout.
      </p>
      <Button variant="primary" onClick={onCreate}>
        <Plus aria-hidden size={14} /> Create a store
      </Button>
    </div>
  );
}
