// The Web Worker bundle of the browser test: the cpu backend, then the package's worker entry. Served at
// /data-parallel-worker.js, where fitDataParallel looks for it (next to the page's bundle).
import '@tensorflow/tfjs-backend-cpu';
import '@tessera/compress/data-parallel-worker';
