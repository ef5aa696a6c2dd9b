// `npm start -w @tessera/example-custom-backend`: registers the counting backend through the public API,
// trains a tiny model on it, and prints how often each kernel ran.
import { initBackend, registry } from '@tessera/core';
import { correctCountingKernels, countingBackendPlugin, kernelCallCounts } from './counting-backend.js';
import { trainTinyModel } from './train-tiny-model.js';

registry.register(countingBackendPlugin);
const selection = await initBackend('counting');
console.log(selection.explanation);
console.log(`corrected (inherited from cpu): ${correctCountingKernels().join(', ')}`);

const { initialLoss, finalLoss } = await trainTinyModel();
console.log(`loss ${initialLoss.toFixed(4)} → ${finalLoss.toFixed(4)}`);
console.log('kernel calls:');
for (const [kernelName, calls] of kernelCallCounts()) console.log(`  ${kernelName.padEnd(24)} ${calls}`);
