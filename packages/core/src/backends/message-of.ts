/**
 * The message of a thrown value, whatever was thrown (the wasm package rejects with plain
 * `{ message }` objects, not `Error`s).
 */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}
