// Waits until Medusa's GET /health answers 200, for at most WAIT_SECONDS seconds. Medusa's server
// container starts only after its migrate init container succeeded, so a healthy server means the
// database is migrated and seeded. Runs with the node of the Medusa image, no
// dependencies. After the deadline it exits 1 and the Job's backoff tries again. No import and
// no require: it runs the same as CommonJS (in the pod, no package.json around it) and as an ES
// module (in this repository, whose package.json says "type": "module").
/* global fetch, AbortSignal */

const url = process.env.MEDUSA_HEALTH_URL;
const waitSeconds = Number(process.env.WAIT_SECONDS || '600');
const intervalMs = Number(process.env.WAIT_INTERVAL_SECONDS || '2') * 1000;

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function main() {
  if (!url) {
    console.error('MEDUSA_HEALTH_URL is required');
    return 2;
  }
  const deadline = Date.now() + waitSeconds * 1000;
  let last;
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (response.status === 200) {
        console.log(`Medusa answers at ${url}`);
        return 0;
      }
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error && error.cause && error.cause.code) || (error && error.name) || String(error);
    }
    if (Date.now() >= deadline) {
      console.error(
        `Medusa at ${url} was not healthy within ${waitSeconds} s (last answer: ${last})`,
      );
      return 1;
    }
    await sleep(intervalMs);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(String(error));
    process.exit(1);
  },
);
