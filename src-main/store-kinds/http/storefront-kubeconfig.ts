import type { KubeConfig } from '@kubernetes/client-node';
import { KubeconfigReadError, loadKubeconfigFiles, missingEntry } from '../../kube/client';
import { describeKubeconfig } from '../../kube/kube-target';
import type { KubeTarget } from '../../kube/kube-target';
import { StorefrontError } from './storefront-error';

/**
 * The target's kubeconfig with its context selected, for reaching a store through the cluster.
 * Every problem with the files or the context is a StorefrontError stage 'connect', code
 * 'kubeconfig', whose message never quotes the file's content.
 */
export function loadStorefrontKubeConfig(kube: KubeTarget): KubeConfig {
  let kc: KubeConfig;
  try {
    kc = loadKubeconfigFiles(kube);
  } catch (error) {
    if (!(error instanceof KubeconfigReadError)) throw error;
    throw new StorefrontError(
      'connect',
      `Could not read the kubeconfig ${error.file}: ${error.reason}`,
      { code: 'kubeconfig', cause: error },
    );
  }
  if (!kc.getContextObject(kube.context)) {
    throw new StorefrontError(
      'connect',
      `The kubeconfig ${describeKubeconfig(kube)} has no context named "${kube.context}"`,
      { code: 'kubeconfig' },
    );
  }
  const missing = missingEntry(kc, kube.context);
  if (missing) throw new StorefrontError('connect', missing, { code: 'kubeconfig' });
  kc.setCurrentContext(kube.context);
  if (!kc.getCurrentCluster()?.server) {
    throw new StorefrontError(
      'connect',
      `The context "${kube.context}" names no cluster with a server address`,
      { code: 'kubeconfig' },
    );
  }
  return kc;
}
