// Failure injection for a store's bootstrap Job, kept in the test rig: the chart has no test
// values. A store installed with these extra values runs its wp-cli container from a STAND-IN
// image name that exists nowhere; the simulated (kwok) test cluster fails every Job pod running
// it (kwok/pod-fail.yaml), the way a broken bootstrap would fail on a real cluster.

/** The stand-in wp-cli image the kwok stage `pod-fail-stand-in-image` fails. */
export const FAILING_WP_CLI_STAND_IN = {
  repository: 'storefleet.test/failing-wp-cli-stand-in',
  tag: 'stand-in',
} as const;

export const FAILING_WP_CLI_STAND_IN_IMAGE = `${FAILING_WP_CLI_STAND_IN.repository}:${FAILING_WP_CLI_STAND_IN.tag}`;

/**
 * Extra chart values that make the store's bootstrap Job fail on the test cluster, at once (no
 * retries). Nothing here is test-only in the chart: it is an ordinary image override.
 */
export function failingBootstrapValues(): Record<string, unknown> {
  return {
    images: { wordpressCli: { ...FAILING_WP_CLI_STAND_IN } },
    bootstrap: { backoffLimit: 0 },
  };
}
