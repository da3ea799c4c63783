/**
 * Which cluster a call goes to: an explicit context, never the kubeconfig's current context.
 *
 * `kubeconfig` is the kubeconfig files to read:
 * - one path (a string, never split on `path.delimiter`) when the context, its cluster and its
 *   user are all in one file, which is the common case;
 * - a list of paths, in KUBECONFIG order, when they are spread over several files. The files
 *   are merged the way kubectl merges KUBECONFIG: the first file to define a name wins.
 */
export interface KubeTarget {
  kubeconfig: string | readonly string[];
  context: string;
}

/** The target's kubeconfig files, in merge order. */
export function kubeconfigFiles(target: KubeTarget): string[] {
  return typeof target.kubeconfig === 'string' ? [target.kubeconfig] : [...target.kubeconfig];
}

/** A target for `files` (in KUBECONFIG order); one file is given as its path alone. */
export function kubeTarget(files: readonly string[], context: string): KubeTarget {
  const unique = [...new Set(files)];
  if (unique.length === 0) throw new Error(`no kubeconfig file given for context "${context}"`);
  return { kubeconfig: unique.length === 1 ? (unique[0] ?? '') : unique, context };
}

/** The target's files for a message: "a" or "a, b". */
export function describeKubeconfig(target: KubeTarget): string {
  return kubeconfigFiles(target).join(', ');
}

/** The sentence for a context whose cluster or user entry exists in none of the files. */
export function danglingReference(context: string, kind: 'cluster' | 'user', name: string): string {
  return `The kube context "${context}" refers to ${kind} "${name}", which no kubeconfig file defines.`;
}
