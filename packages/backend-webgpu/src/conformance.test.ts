import { initBackend } from '@tessera/core';
import { runBackendConformance } from '@tessera/core/testing';
import { beforeAll, describe, it } from 'vitest';
import { registerWebGPUBackend } from './index.js';

const adapter = (process.env.TESSERA_WEBGPU_ADAPTER as 'opengles' | undefined) ?? 'opengles';

describe(`webgpu on ${adapter}`, () => {
  beforeAll(async () => {
    registerWebGPUBackend({ adapter });
    await initBackend('webgpu', { fallback: false });
  });
  runBackendConformance({ backend: 'webgpu', describe, it });
});
