export {
  bfloat16BitsToFloat32,
  float16BitsToFloat32,
  float32ToBFloat16Bits,
  float32ToFloat16Bits,
} from './half-precision.js';
export {
  isSafetensorsDType,
  SAFETENSORS_DTYPES,
  type SafetensorsArrayTypes,
  type SafetensorsDType,
  type SafetensorsDTypeInfo,
  type SafetensorsTypedArray,
} from './safetensors-dtypes.js';
export {
  MAX_SAFETENSORS_HEADER_BYTES,
  parseSafetensorsHeader,
  type SafetensorsEntry,
  type SafetensorsHeader,
} from './safetensors-header.js';
export { type ParsedSafetensors, parseSafetensors, type RawTensor } from './safetensors-parse.js';
export { readSafetensors, type SafetensorsContents } from './safetensors-read.js';
export { serializeSafetensors } from './safetensors-serialize.js';
export { type WriteSafetensorsOptions, writeSafetensors } from './safetensors-write.js';
