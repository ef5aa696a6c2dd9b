import { describeValue, TesseraError } from './tessera-error.js';

/** A value failed validation at a public boundary. Code `E_VALIDATION`. */
export class ValidationError extends TesseraError {
  constructor(message: string, options?: { where?: string; cause?: unknown }) {
    super('E_VALIDATION', message, options);
  }

  /**
   * Builds the standard "expected X, received Y" message.
   * @example
   * ```ts
   * throw ValidationError.expected('a positive learning rate', -1, 'sgd({ learningRate })');
   * ```
   */
  static expected(expected: string, received: unknown, where?: string): ValidationError {
    return new ValidationError(`Expected ${expected}, received ${describeValue(received)}`, { where });
  }
}

/** A tensor had the wrong shape or dtype. Code `E_SHAPE`. */
export class ShapeError extends TesseraError {
  constructor(message: string, options?: { where?: string; cause?: unknown }) {
    super('E_SHAPE', message, options);
  }

  /** "Expected shape [a, b], received [c, d]". */
  static mismatch(
    expected: readonly (number | null)[],
    received: readonly number[],
    where?: string,
  ): ShapeError {
    const fmt = (s: readonly (number | null)[]) => `[${s.map((d) => (d === null ? '?' : d)).join(', ')}]`;
    return new ShapeError(`Expected shape ${fmt(expected)}, received ${fmt(received)}`, { where });
  }
}

/** A tensor had the wrong dtype. Code `E_DTYPE`. */
export class DTypeError extends TesseraError {
  constructor(message: string, options?: { where?: string; cause?: unknown }) {
    super('E_DTYPE', message, options);
  }
}

/** A backend could not be created, selected or used. Code `E_BACKEND`. */
export class BackendError extends TesseraError {
  constructor(message: string, options?: { where?: string; cause?: unknown }) {
    super('E_BACKEND', message, options);
  }
}

/** Reading or writing a file or buffer failed, or its contents were invalid. Code `E_IO`. */
export class IOError extends TesseraError {
  constructor(message: string, options?: { where?: string; cause?: unknown }) {
    super('E_IO', message, options);
  }
}

/** Base class of registry errors. */
export class RegistryError extends TesseraError {}

/** A plugin id was registered twice. Code `E_DUPLICATE_PLUGIN`. */
export class DuplicatePluginError extends RegistryError {
  constructor(id: string) {
    super(
      'E_DUPLICATE_PLUGIN',
      `Plugin "${id}" is already registered; ids must be unique (unregister it first, or use a scoped registry)`,
    );
  }
}

/** An unknown plugin id was requested. Code `E_UNKNOWN_PLUGIN`. */
export class UnknownPluginError extends RegistryError {
  readonly known: readonly string[];
  constructor(id: string, known: readonly string[]) {
    super(
      'E_UNKNOWN_PLUGIN',
      `Unknown plugin "${id}". Registered ${id.split(':')[0]} plugins: ${known.length ? known.join(', ') : '(none)'}`,
    );
    this.known = known;
  }
}
