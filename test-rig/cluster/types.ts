/** What integration tests need to reach the test cluster; plain data so vitest can pass it to workers. */
export interface TestClusterInfo {
  kubeconfigPath: string;
  context: string;
  binDir: string;
  server: string;
}

export interface TestCluster extends TestClusterInfo {
  /** temp directory holding PKI, etcd data, logs and provisioned volumes */
  dir: string;
  stop(): Promise<void>;
  /** the kube-apiserver alone: stop it and start it again on the same port and etcd */
  apiserver: { stop(): Promise<void>; start(): Promise<void> };
}

export interface StartClusterOptions {
  /** where to put everything; a fresh temp dir when omitted */
  dir?: string;
  /** progress lines (component start, readiness); silent when omitted */
  log?: (line: string) => void;
  /** toolchain bin dir; found or built with scripts/toolchain/build.sh when omitted */
  binDir?: string;
}
