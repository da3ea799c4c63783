// WP-Cron: WordPress's trigger on page loads is off, and a CronJob runs the due events with
// wp-cli, shaped like the bootstrap Job.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CHART_DIR,
  VALUES_LOCAL,
  VALUES_PROD,
  findObject,
  render,
  storeValues,
  type K8sObject,
} from './render';
import { containersOf, podTemplateOf, specOf, type Container, type CronJobSpec } from './shapes';

const CONFIG_EXTRA = 'WORDPRESS_CONFIG_EXTRA';

function configExtraOf(container: Container | undefined): string | undefined {
  return container?.env?.find((e) => e.name === CONFIG_EXTRA)?.value;
}

describe.each([
  ['local', VALUES_LOCAL],
  ['prod', VALUES_PROD],
])('WP-Cron with values-%s.yaml', (_name, valuesFile) => {
  let objects: K8sObject[] = [];
  let cron: K8sObject;
  beforeAll(async () => {
    objects = await render({ valuesFiles: [valuesFile], values: [storeValues()] });
    cron = findObject(objects, 'CronJob', 'shop1-cron');
  });

  it('turns off the page-load trigger everywhere WordPress runs', () => {
    const main = (kind: string, name: string): Container | undefined =>
      podTemplateOf(findObject(objects, kind, name)).spec.containers[0];
    for (const [kind, name] of [
      ['Deployment', 'shop1-wordpress'],
      ['Job', 'shop1-bootstrap'],
      ['CronJob', 'shop1-cron'],
    ] as const) {
      expect(configExtraOf(main(kind, name)), `${kind}/${name}`).toBe(
        "define( 'DISABLE_WP_CRON', true );",
      );
    }
  });

  it('runs one run at a time, skips runs it cannot start in time and keeps little history', () => {
    const spec = specOf<CronJobSpec>(cron);
    expect(spec.schedule).toBe('*/5 * * * *');
    expect(spec.concurrencyPolicy).toBe('Forbid');
    expect(spec.startingDeadlineSeconds).toBeGreaterThan(0);
    expect(spec.successfulJobsHistoryLimit).toBeLessThanOrEqual(1);
    expect(spec.failedJobsHistoryLimit).toBeLessThanOrEqual(1);
    expect(spec.jobTemplate.spec.backoffLimit).toBe(0);
    // A run ends before the next one is due.
    expect(spec.jobTemplate.spec.activeDeadlineSeconds).toBeLessThan(5 * 60);
  });

  it('runs the WP-Cron script with wp-cli, on the WordPress core of the web pods', () => {
    const pod = podTemplateOf(cron).spec;
    const web = podTemplateOf(findObject(objects, 'Deployment', 'shop1-wordpress')).spec;
    const [prepare] = pod.initContainers ?? [];
    const [runner] = pod.containers;
    expect(prepare?.image).toBe(web.containers[0]?.image);
    expect(prepare?.command).toEqual(['bash', '/scripts/prepare.sh']);
    expect(runner?.image).toBe('docker.io/library/wordpress:cli-2.12.0-php8.2');
    expect(runner?.command).toEqual(['bash', '/scripts/wp-cron.sh']);
    expect(runner?.volumeMounts?.map((m) => m.mountPath).sort()).toEqual([
      '/scripts',
      '/tmp',
      '/var/www/html',
      '/var/www/html/wp-content',
    ]);
    // Seeding wp-content is the bootstrap Job's work, not every run's.
    expect(prepare?.volumeMounts?.map((m) => m.mountPath)).not.toContain(
      '/var/www/html/wp-content',
    );
  });

  it('has the bootstrap Job’s security context and volumes, the wp-content claim included', () => {
    const job = podTemplateOf(findObject(objects, 'Job', 'shop1-bootstrap'));
    const pod = podTemplateOf(cron);
    expect(pod.spec.securityContext).toEqual(job.spec.securityContext);
    expect(pod.spec.securityContext?.runAsUser).toBe(33);
    expect(pod.spec.volumes).toEqual(job.spec.volumes);
    expect(pod.spec.volumes?.find((v) => v.name === 'wp-content')?.persistentVolumeClaim).toEqual({
      claimName: 'shop1-wordpress-content',
    });
    const securityOf = (containers: Container[]): unknown[] =>
      containers.map((c) => c.securityContext);
    expect(securityOf(containersOf(cron))).toEqual(
      securityOf(containersOf(findObject(objects, 'Job', 'shop1-bootstrap'))),
    );
    expect(pod.metadata.labels?.['app.kubernetes.io/component']).toBe('cron');
    expect(pod.metadata.annotations?.['storefleet.test/fail']).toBeUndefined();
  });

  it('ships the script it runs in the scripts ConfigMap', async () => {
    const configMap = findObject(objects, 'ConfigMap', 'shop1-bootstrap') as K8sObject & {
      data: Record<string, string>;
    };
    const script = await readFile(join(CHART_DIR, 'files/wp-cron.sh'), 'utf8');
    expect(configMap.data['wp-cron.sh']).toBe(script.trimEnd());
  });
});

describe('DISABLE_WP_CRON through the image’s config', () => {
  // wp-config-docker.php in the official image evaluates WORDPRESS_CONFIG_EXTRA; this runs
  // the rendered value through PHP the same way.
  it('defines DISABLE_WP_CRON as true when PHP evaluates it', async () => {
    const objects = await render({ valuesFiles: [VALUES_LOCAL], values: [storeValues()] });
    const extra = configExtraOf(
      podTemplateOf(findObject(objects, 'Deployment', 'shop1-wordpress')).spec.containers[0],
    );
    const result = await execa(
      'php',
      ['-r', `eval(getenv('${CONFIG_EXTRA}')); var_export(DISABLE_WP_CRON);`],
      { reject: false, all: true, env: { [CONFIG_EXTRA]: extra ?? '' } },
    );
    if (result.failed && result.exitCode === undefined) {
      throw new Error(
        'php is not installed here: install the PHP command line (Debian/Ubuntu: apt-get install php-cli)',
      );
    }
    expect(result.all).toBe('true');
    expect(result.exitCode).toBe(0);
  });
});
