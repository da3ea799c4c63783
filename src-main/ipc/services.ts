// What the IPC handlers need from the rest of main. Handlers receive this object and nothing
// else, so they do not know which transport carries them or how the services are built.
import type {
  StoreService,
  ToolInfo,
  ContextProbe,
  Settings,
} from '../../src-shared/types/service-types';
import type { ContextList, StoreKindInfo } from '../../src-shared/ipc/contract';
import type { FirstRunService } from '../first-run/first-run-service';
import type { LocalClusterService } from '../first-run/local-cluster-service';
import type { StoreDbService } from '../store-db/store-db-service';
import type { StoreLogsService } from '../store-logs/store-logs-service';
import type { StoreMetricsService } from '../store-metrics/store-metrics-service';
import type { StoreMailService } from '../store-mail/mail-url';

export interface ContextService {
  list(): Promise<ContextList>;
  select(context: string): Promise<ContextList>;
  probe(context: string): Promise<ContextProbe>;
  onChange(listener: (list: ContextList) => void): () => void;
}

export interface AppServices {
  stores: StoreService;
  /** Connect to database: one port-forward per store, and its password on reveal */
  storeDb: Pick<StoreDbService, 'connect' | 'disconnect' | 'revealPassword'>;
  /** the Logs tab: following a store's logs and events, and its support bundle */
  storeLogs: StoreLogsService;
  /** CPU and memory per store against its quota, from metrics-server */
  storeMetrics: StoreMetricsService;
  /** the store's mail catcher (the chart's optional Mailpit): where its web UI is */
  storeMail: StoreMailService;
  contexts: ContextService;
  tools(): Promise<ToolInfo[]>;
  storeKinds(): StoreKindInfo[];
  /** what a new user has installed, and Helm fetched for them */
  firstRun: FirstRunService & LocalClusterService;
  /** update may first check a new value (a Helm path is run once), hence the promise */
  settings: { get(): Settings; update(patch: Partial<Settings>): Settings | Promise<Settings> };
  /** Opens a URL in the user's browser; only ever called with a URL the app produced. */
  openExternal(url: string): Promise<void>;
}
