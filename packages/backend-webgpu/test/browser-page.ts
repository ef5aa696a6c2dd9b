// The page the browser test bundles: selects webgpu through Tessera exactly as an app would, fits the
// digits CNN with @tessera/layers, and posts the losses (or the error) back to the test's server.
import { initBackend } from '@tessera/core';
import { describeWebGPUBackend } from '../src/backend/describe-webgpu-backend.js';
import { registerWebGPUBackend } from '../src/backend/register-webgpu-backend.js';
import { fitDigitsCnn } from './digits-cnn.js';
import { reportToTest } from '@tessera/browser-testing/page';

async function run(): Promise<unknown> {
  registerWebGPUBackend();
  const selection = await initBackend('webgpu', { fallback: false });
  const { adapter } = await describeWebGPUBackend();
  // The test chooses the work (and computes the same in Node): ?epochs=…&samples=…
  const query = new URLSearchParams(location.search);
  const run = await fitDigitsCnn(Number(query.get('epochs') ?? 2), Number(query.get('samples') ?? 384));
  return { backend: selection.name, adapter, ...run };
}

reportToTest(run);
