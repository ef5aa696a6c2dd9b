export { DisposableScope, withDisposables } from './disposable-scope.js';
export { expectNoTensorLeak, TensorLeakError } from './expect-no-tensor-leak.js';
