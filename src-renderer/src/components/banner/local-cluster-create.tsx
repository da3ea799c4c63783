// The "Create local cluster" control of the first-run screen: the button, then k3d's progress
// lines with Cancel, then what happened. A host port that is taken is explained and the free
// port main found is offered ("Use port 8080"); the cluster itself is made in main.
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { loadContexts } from '../../state/actions';
import { Button } from '../ui/button';

export const LOCAL_CLUSTER_NAME = 'storefleet';
const MAX_LINES = 6;

type State =
  | { state: 'idle' }
  | { state: 'running'; lines: string[] }
  | { state: 'failed'; message: string; suggestedPort: number | null }
  | { state: 'cancelled' }
  | { state: 'done'; context: string };

function detailsOf(error: unknown): Record<string, unknown> {
  const details = (error as { details?: unknown } | null)?.details;
  return typeof details === 'object' && details !== null
    ? (details as Record<string, unknown>)
    : {};
}

export function LocalClusterCreate({
  name = LOCAL_CLUSTER_NAME,
}: {
  name?: string;
}): React.JSX.Element {
  const api = useApi();
  const [run, setRun] = useState<State>({ state: 'idle' });

  useEffect(
    () =>
      api.on('localClusterProgress', (progress) => {
        if (progress.name !== name) return;
        setRun((current) =>
          current.state === 'running'
            ? { state: 'running', lines: [...current.lines, progress.line].slice(-MAX_LINES) }
            : current,
        );
      }),
    [api, name],
  );

  const create = (httpPort?: number): void => {
    setRun({ state: 'running', lines: [] });
    api.createLocalCluster(httpPort === undefined ? { name } : { name, httpPort }).then(
      ({ context }) => {
        setRun({ state: 'done', context });
        void loadContexts(api);
      },
      (error: unknown) => {
        const details = detailsOf(error);
        if (details.reason === 'cancelled') {
          setRun({ state: 'cancelled' });
          return;
        }
        const port = details.suggestedPort;
        setRun({
          state: 'failed',
          message: errorMessage(error),
          suggestedPort: typeof port === 'number' ? port : null,
        });
      },
    );
  };

  if (run.state === 'running') {
    return (
      <div className="flex flex-col gap-2" data-testid="local-cluster-create">
        <ul aria-label="Cluster progress" className="font-mono text-xs text-muted">
          {run.lines.length === 0 ? <li>Starting k3d.</li> : null}
          {run.lines.map((line, i) => (
            <li key={`${i}-${line}`}>{line}</li>
          ))}
        </ul>
        <div>
          <Button
            onClick={() => {
              api
                .cancelLocalCluster({})
                .catch((e: unknown) =>
                  setRun({ state: 'failed', message: errorMessage(e), suggestedPort: null }),
                );
            }}
          >
            Cancel
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="local-cluster-create">
      {run.state === 'failed' ? (
        <span role="status" className="text-failed">
          {run.message}
        </span>
      ) : null}
      {run.state === 'cancelled' ? (
        <span role="status" className="text-muted">
          Creating the cluster was cancelled.
        </span>
      ) : null}
      {run.state === 'done' ? (
        <span role="status" className="text-muted">
          The cluster is ready and {run.context} is selected.
        </span>
      ) : null}
      {run.state === 'failed' && run.suggestedPort !== null ? (
        <Button variant="primary" onClick={() => create(run.suggestedPort ?? undefined)}>
          Use port {run.suggestedPort}
        </Button>
      ) : null}
      {run.state !== 'done' ? (
        <Button
          variant={run.state === 'failed' && run.suggestedPort !== null ? 'secondary' : 'primary'}
          onClick={() => create()}
        >
          {run.state === 'idle' ? 'Create local cluster' : 'Try again'}
        </Button>
      ) : null}
    </div>
  );
}
