import { describe, expect, it } from 'vitest';
import { failingComponent } from './failing-component';

describe('failingComponent', () => {
  it.each([
    ['woocommerce', 'wait-mariadb', 'MariaDB'],
    ['woocommerce', 'wait-wordpress', 'WordPress'],
    ['woocommerce', 'bootstrap', 'Bootstrap Job'],
    ['woocommerce', 'verify', 'WordPress'],
    ['woocommerce', 'helm', 'Events'],
    ['medusa', 'wait-postgres', 'PostgreSQL'],
    ['medusa', 'wait-medusa', 'Medusa'],
    ['medusa', 'setup', 'Setup Job'],
    ['medusa', 'verify', 'Medusa'],
    ['medusa', 'image', 'Events'],
    ['woocommerce', null, 'Events'],
  ] as const)('%s failed at %s: %s', (kind, step, component) => {
    expect(failingComponent(kind, step)).toBe(component);
  });
});
