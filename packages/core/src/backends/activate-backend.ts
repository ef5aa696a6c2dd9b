import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from '../errors/index.js';
import type { BackendCreateOptions, BackendPlugin } from './backend-plugin.js';
import { messageOf } from './message-of.js';

/**
 * Makes `plugin` tfjs's current backend: creates it (unless tfjs already holds an initialised instance of
 * that name), registers the factory and the plugin's kernels with tfjs, then `tf.setBackend` and
 * `tf.ready()`. Creating the instance here, rather than letting tfjs call the factory, is what lets core
 * report *why* an init failed instead of tfjs's generic "Initialization of backend failed" warning.
 *
 * @throws BackendError (with the cause) when creating or setting the backend fails
 */
export async function activateBackend(
  plugin: BackendPlugin,
  options: BackendCreateOptions = {},
): Promise<void> {
  const { name } = plugin;
  const engine = tf.engine();
  if (!(name in engine.registry)) {
    let created: tf.KernelBackend;
    try {
      created = await plugin.create(options);
    } catch (error) {
      throw new BackendError(`Creating backend "${name}" failed: ${messageOf(error)}`, {
        where: plugin.id,
        cause: error,
      });
    }
    if (tf.findBackendFactory(name)) tf.removeBackend(name);
    let pending: tf.KernelBackend | undefined = created;
    tf.registerBackend(
      name,
      () => {
        // The first init uses the instance made above; a later one (after tf.removeBackend) makes a new one.
        const instance = pending ?? plugin.create(options);
        pending = undefined;
        return instance;
      },
      plugin.priority,
    );
  }
  for (const kernel of plugin.kernels) {
    if (kernel.backendName !== name) {
      throw new BackendError(
        `Kernel "${kernel.kernelName}" is for backend "${kernel.backendName}", not "${name}"`,
        {
          where: plugin.id,
        },
      );
    }
    if (!tf.getKernel(kernel.kernelName, name)) tf.registerKernel(kernel);
  }
  if (!(await tf.setBackend(name))) {
    throw new BackendError(`tf.setBackend("${name}") failed after the backend was created`, {
      where: plugin.id,
    });
  }
  await tf.ready();
}
