import { describe, expect, it } from 'vitest';
import type { WebGPUAdapterLike } from '../adapter/webgpu-adapter-types.js';
import { requestWebGPUAdapter } from '../adapter/request-webgpu-adapter.js';
import { requestWebGPUDevice, webgpuDeviceDescriptor } from './request-webgpu-device.js';

const fake = (features: string[], limits: Record<string, number>): WebGPUAdapterLike => ({
  features: new Set(features),
  limits,
  requestDevice: () => Promise.reject(new Error('not used')),
});

describe('webgpuDeviceDescriptor', () => {
  it('asks for the wanted features the adapter has, as a flat list of names', () => {
    const descriptor = webgpuDeviceDescriptor(
      fake(['bgra8unorm-storage', 'subgroups', 'timestamp-query'], {}),
    );
    expect(descriptor.requiredFeatures).toEqual(['timestamp-query', 'bgra8unorm-storage']);
    expect(webgpuDeviceDescriptor(fake(['subgroups'], {})).requiredFeatures).toEqual([]);
  });

  it("raises exactly the limits tfjs relies on to the adapter's maxima", () => {
    const limits = {
      maxComputeWorkgroupStorageSize: 32768,
      maxComputeWorkgroupsPerDimension: 65535,
      maxStorageBufferBindingSize: 1 << 30,
      maxBufferSize: 1 << 30,
      maxComputeWorkgroupSizeX: 1024,
      maxComputeInvocationsPerWorkgroup: 1024,
      maxBindGroups: 4,
    };
    const { maxBindGroups: _, ...raised } = limits;
    expect(webgpuDeviceDescriptor(fake([], limits)).requiredLimits).toEqual(raised);
  });

  it('gives a device that a real adapter accepts, with those limits', async () => {
    const { adapter, description } = await requestWebGPUAdapter({ adapter: 'swiftshader' });
    const device = await requestWebGPUDevice(adapter);
    try {
      expect(device.limits.maxBufferSize).toBe(description.limits.maxBufferSize);
      expect(device.features.has('bgra8unorm-storage')).toBe(
        description.features.includes('bgra8unorm-storage'),
      );
    } finally {
      device.destroy();
    }
  });
});
