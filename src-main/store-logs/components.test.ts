import { describe, expect, it } from 'vitest';
import { componentOfPod, componentsOf } from './components';

describe('componentOfPod', () => {
  it.each([
    ['wordpress', 'WordPress'],
    ['mariadb', 'MariaDB'],
    ['bootstrap', 'Bootstrap Job'],
    ['cron', 'WP-Cron'],
    ['postgres', 'PostgreSQL'],
    ['medusa', 'Medusa'],
    ['setup', 'Setup Job'],
  ])('reads the chart label %s as %s', (label, component) => {
    const pod = { name: 'anything-0', labels: { 'app.kubernetes.io/component': label } };
    expect(componentOfPod(pod, 'shop')).toBe(component);
  });

  it.each([
    ['shop-wordpress-7d9c5b6f4-x2k8q', 'WordPress'],
    ['shop-mariadb-0', 'MariaDB'],
    ['shop-bootstrap-1a2b3c4d-zq9vw', 'Bootstrap Job'],
    ['shop-cron-29384756-abcde', 'WP-Cron'],
    ['shop-postgres-0', 'PostgreSQL'],
    ['shop-medusa-5f6d7c8b9-q1w2e', 'Medusa'],
    ['shop-setup-0a1b2c3d-p9o8i', 'Setup Job'],
  ])('places unlabelled pod %s by its name as %s', (name, component) => {
    expect(componentOfPod({ name }, 'shop')).toBe(component);
  });

  it('does not read a store named like a component as that component', () => {
    // release "mariadb": its WordPress pod starts with "mariadb-" but its stem is wordpress
    expect(componentOfPod({ name: 'mariadb-wordpress-abc-def' }, 'mariadb')).toBe('WordPress');
  });

  it('calls an unknown label or a foreign pod Other', () => {
    expect(
      componentOfPod({ name: 'x', labels: { 'app.kubernetes.io/component': 'redis' } }, 'shop'),
    ).toBe('Other');
    expect(componentOfPod({ name: 'debug-shell' }, 'shop')).toBe('Other');
  });
});

describe('componentsOf', () => {
  it('lists each kind’s own components', () => {
    expect(componentsOf('woocommerce')).toEqual([
      'WordPress',
      'MariaDB',
      'Bootstrap Job',
      'WP-Cron',
    ]);
    expect(componentsOf('medusa')).toEqual(['Medusa', 'PostgreSQL', 'Setup Job']);
  });
});
