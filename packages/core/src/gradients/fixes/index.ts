export * from './AvgPool.js';
export * from './AvgPool3D.js';
export * from './Conv2D.js';
export * from './DepthwiseConv2dNative.js';
export * from './gradient-fixes.js';
