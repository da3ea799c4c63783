import { delimiter, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubeconfigPaths } from './kubeconfig-paths';

const home = resolve('/home/shopkeeper');

describe('kubeconfigPaths', () => {
  it('defaults to ~/.kube/config', () => {
    expect(kubeconfigPaths({}, home)).toEqual([join(home, '.kube', 'config')]);
  });

  it('treats an empty or blank KUBECONFIG as unset', () => {
    expect(kubeconfigPaths({ KUBECONFIG: '' }, home)).toEqual([join(home, '.kube', 'config')]);
    expect(kubeconfigPaths({ KUBECONFIG: `${delimiter} ${delimiter}` }, home)).toEqual([
      join(home, '.kube', 'config'),
    ]);
  });

  it('keeps every KUBECONFIG entry in order, dropping empty ones and duplicates', () => {
    const a = resolve('/etc/rancher/k3s/k3s.yaml');
    const b = resolve('/tmp/b.yaml');
    const value = [a, '', b, a, ''].join(delimiter);
    expect(kubeconfigPaths({ KUBECONFIG: value }, home)).toEqual([a, b]);
  });

  it('expands a leading ~/ and makes relative entries absolute', () => {
    expect(kubeconfigPaths({ KUBECONFIG: `~/k3d.yaml${delimiter}rel.yaml` }, home)).toEqual([
      join(home, 'k3d.yaml'),
      resolve('rel.yaml'),
    ]);
  });
});
