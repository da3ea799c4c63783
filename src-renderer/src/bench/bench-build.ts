// The UI benchmark's hooks exist only in a bench build (`electron-vite build --mode bench`, which
// e2e/support/build-renderer.ts runs into out/bench/). Vite replaces import.meta.env.MODE
// at build time; written out at each place that checks it (import.meta.env.MODE === 'bench'),
// the check becomes the constant false in the product's build and everything behind it is
// dropped from the bundle. A helper function returning it would not be inlined.
export const BENCH_MODE = 'bench';
