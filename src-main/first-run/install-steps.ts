// How a person installs each program Storefleet uses, per system: one sentence and, where there
// is one, the command to copy. Kept in one place so the first-run screen and the banner agree.
import type { HostOs, SetupTool } from '../../src-shared/types/service-types';

export type SetupToolName = SetupTool['name'];

interface Step {
  install: string;
  command: string | null;
}

/** The cluster Storefleet's README describes: k3d with the load balancer's port 80 on the host. */
export const CREATE_CLUSTER_COMMAND = 'k3d cluster create storefleet -p "80:80@loadbalancer"';

export function hostOs(platform: NodeJS.Platform): HostOs {
  if (platform === 'darwin') return 'macos';
  if (platform === 'win32') return 'windows';
  return 'linux';
}

export const PURPOSE: Record<SetupToolName, { label: string; purpose: string; required: boolean }> =
  {
    docker: {
      label: 'Docker',
      purpose:
        'k3d runs the local Kubernetes cluster inside Docker, so Docker must be installed and running to create one.',
      required: false,
    },
    k3d: {
      label: 'k3d',
      purpose:
        'k3d creates the local Kubernetes cluster your stores run on; a cluster you already have works without it.',
      required: false,
    },
    helm: {
      label: 'Helm',
      purpose:
        'Storefleet installs, upgrades and removes every store with Helm, so nothing can be created without it.',
      required: true,
    },
    kubectl: {
      label: 'kubectl',
      purpose:
        'kubectl is handy for looking inside the cluster yourself; Storefleet does not need it.',
      required: false,
    },
  };

const STEPS: Record<SetupToolName, Record<HostOs, Step>> = {
  docker: {
    macos: {
      install:
        'Install Docker Desktop from docs.docker.com/desktop (or Colima with Homebrew) and start it.',
      command: 'brew install --cask docker',
    },
    windows: {
      install:
        'Install Docker Desktop from docs.docker.com/desktop and start it; it sets up WSL 2 for you.',
      command: 'winget install -e --id Docker.DockerDesktop',
    },
    linux: {
      install:
        'Install Docker Engine for your distribution (docs.docker.com/engine/install), then start it.',
      command: 'sudo systemctl enable --now docker',
    },
  },
  k3d: {
    macos: { install: 'Install k3d with Homebrew.', command: 'brew install k3d' },
    windows: {
      install: 'Install k3d with winget (or Chocolatey: choco install k3d).',
      command: 'winget install -e --id k3d.k3d',
    },
    linux: {
      install: 'Install k3d with its install script from k3d.io.',
      command: 'curl -s https://raw.githubusercontent.com/k3d-io/k3d/main/install.sh | bash',
    },
  },
  helm: {
    macos: {
      install: 'Let Storefleet download Helm, or install it with Homebrew.',
      command: 'brew install helm',
    },
    windows: {
      install: 'Let Storefleet download Helm, or install it with winget.',
      command: 'winget install -e --id Helm.Helm',
    },
    linux: {
      install:
        'Let Storefleet download Helm, or install it with your package manager or the script from helm.sh.',
      command:
        'curl -fsSL https://raw.githubusercontent.com/helm/helm/main/scripts/get-helm-3 | bash',
    },
  },
  kubectl: {
    macos: {
      install: 'Install kubectl with Homebrew if you want it.',
      command: 'brew install kubectl',
    },
    windows: {
      install: 'Install kubectl with winget if you want it.',
      command: 'winget install -e --id Kubernetes.kubectl',
    },
    linux: {
      install: 'Install kubectl from kubernetes.io/docs/tasks/tools if you want it.',
      command: null,
    },
  },
};

/** The step for a program on this system; for Docker that is installed but stopped, how to start it. */
export function installStep(
  name: SetupToolName,
  os: HostOs,
  opts: { dockerStopped?: boolean } = {},
): Step {
  if (name === 'docker' && opts.dockerStopped) {
    if (os === 'linux') {
      return {
        install: 'Start the Docker service, then check again.',
        command: 'sudo systemctl start docker',
      };
    }
    return {
      install: 'Open Docker Desktop and wait until it says it is running, then check again.',
      command: null,
    };
  }
  return STEPS[name][os];
}
