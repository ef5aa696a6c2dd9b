import { ValidationError } from '@tessera/core';
import { createRng, randomSeed } from '../random/rng.js';

/** Sample indices per client, plus per-client label counts. */
export interface Partition {
  /** `clients[c]` holds the sample indices of client `c`. */
  clients: number[][];
  /** Distinct labels in sorted order (the columns of `labelCounts`). */
  classes: (number | string)[];
  /** `labelCounts[c][k]`: samples of `classes[k]` held by client `c`. */
  labelCounts: number[][];
}

/**
 * Counts the labels each client holds.
 * @example
 * ```ts
 * summarizePartition([0, 1, 1], [[0, 1], [2]]).labelCounts; // [[1, 1], [0, 1]]
 * ```
 */
export function summarizePartition(labels: readonly (number | string)[], clients: number[][]): Partition {
  const classes = [...new Set(labels)].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1,
  );
  const column = new Map(classes.map((c, k) => [c, k]));
  const labelCounts = clients.map((indices) => {
    const row = Array<number>(classes.length).fill(0);
    for (const i of indices) {
      const k = column.get(labels[i] as number | string) as number;
      row[k] = (row[k] as number) + 1;
    }
    return row;
  });
  return { clients, classes, labelCounts };
}

function checkClients(numClients: number, where: string): void {
  if (!Number.isInteger(numClients) || numClients < 1)
    throw ValidationError.expected('a client count >= 1', numClients, where);
}

function checkLabels(labels: unknown, where: string): readonly (number | string)[] {
  if (!Array.isArray(labels) || labels.some((l) => typeof l !== 'number' && typeof l !== 'string')) {
    throw ValidationError.expected('an array of number or string labels', labels, where);
  }
  return labels;
}

/**
 * IID split: shuffle, then deal out near-equal shares (sizes differ by at most one).
 * @example
 * ```ts
 * const { clients, labelCounts } = partitionIid(labels, 10, { seed: 0 });
 * ```
 * @throws {ValidationError} for a client count < 1 or invalid labels.
 */
export function partitionIid(
  labels: readonly (number | string)[],
  numClients: number,
  options: { seed?: number } = {},
): Partition {
  checkLabels(labels, 'partitionIid(labels)');
  checkClients(numClients, 'partitionIid(numClients)');
  const order = createRng(options.seed ?? randomSeed()).permutation(labels.length);
  const clients = Array.from({ length: numClients }, (_, c) => {
    const start = Math.floor((c * labels.length) / numClients);
    return order.slice(start, Math.floor(((c + 1) * labels.length) / numClients));
  });
  return summarizePartition(labels, clients);
}

/**
 * Pathological non-IID split by label shards (McMahan et al., 2017): sort by label, cut into
 * `numClients × shardsPerClient` equal shards, give each client `shardsPerClient` random shards — so most
 * clients see only that many classes.
 * @example
 * ```ts
 * const { labelCounts } = partitionByLabelShards(labels, 100, { shardsPerClient: 2, seed: 0 });
 * ```
 * @throws {ValidationError} for fewer samples than shards, or invalid counts.
 * @see https://arxiv.org/abs/1602.05629 — Communication-Efficient Learning of Deep Networks from Decentralized Data.
 */
export function partitionByLabelShards(
  labels: readonly (number | string)[],
  numClients: number,
  options: { shardsPerClient?: number; seed?: number } = {},
): Partition {
  checkLabels(labels, 'partitionByLabelShards(labels)');
  checkClients(numClients, 'partitionByLabelShards(numClients)');
  const perClient = options.shardsPerClient ?? 2;
  if (!Number.isInteger(perClient) || perClient < 1)
    throw ValidationError.expected('shardsPerClient >= 1', perClient, 'partitionByLabelShards');
  const shardCount = numClients * perClient;
  if (labels.length < shardCount)
    throw ValidationError.expected(
      `at least ${shardCount} samples (one per shard)`,
      labels.length,
      'partitionByLabelShards',
    );
  const rng = createRng(options.seed ?? randomSeed());
  // Shuffle first so ties within a label are cut randomly, then sort stably by label.
  const { classes } = summarizePartition(labels, []);
  const rank = new Map(classes.map((c, k) => [c, k]));
  const order = rng
    .permutation(labels.length)
    .sort((a, b) => (rank.get(labels[a] as never) as number) - (rank.get(labels[b] as never) as number));
  const shards = Array.from({ length: shardCount }, (_, s) =>
    order.slice(
      Math.floor((s * order.length) / shardCount),
      Math.floor(((s + 1) * order.length) / shardCount),
    ),
  );
  const assignment = rng.permutation(shardCount);
  const clients = Array.from({ length: numClients }, (_, c) =>
    assignment.slice(c * perClient, (c + 1) * perClient).flatMap((s) => shards[s] as number[]),
  );
  return summarizePartition(labels, clients);
}

/**
 * Label-skewed split with a Dirichlet(α) prior (Hsu et al., 2019): for each class, draw client proportions
 * p ~ Dir(α·1) and cut that class's shuffled samples accordingly. Small α → each client dominated by a few
 * classes; large α → close to IID. `minSize` redraws (up to 100 times) until every client has that many.
 * @example
 * ```ts
 * const { clients, labelCounts } = partitionDirichlet(labels, 10, { alpha: 0.5, seed: 0, minSize: 10 });
 * ```
 * @throws {ValidationError} for α ≤ 0, an unreachable `minSize`, or invalid counts.
 * @see https://arxiv.org/abs/1909.06335 — Measuring the Effects of Non-Identical Data Distribution for Federated Visual Classification.
 */
export function partitionDirichlet(
  labels: readonly (number | string)[],
  numClients: number,
  options: { alpha?: number; seed?: number; minSize?: number } = {},
): Partition {
  checkLabels(labels, 'partitionDirichlet(labels)');
  checkClients(numClients, 'partitionDirichlet(numClients)');
  const alpha = options.alpha ?? 0.5;
  if (!(alpha > 0 && Number.isFinite(alpha)))
    throw ValidationError.expected('alpha > 0', alpha, 'partitionDirichlet');
  const minSize = options.minSize ?? 0;
  if (minSize * numClients > labels.length)
    throw ValidationError.expected(
      `minSize <= ${Math.floor(labels.length / numClients)}`,
      minSize,
      'partitionDirichlet',
    );
  const rng = createRng(options.seed ?? randomSeed());
  const byClass = new Map<number | string, number[]>();
  labels.forEach((l, i) => {
    const list = byClass.get(l);
    if (list) list.push(i);
    else byClass.set(l, [i]);
  });
  const { classes } = summarizePartition(labels, []);
  for (let attempt = 0; attempt < 100; attempt++) {
    const clients: number[][] = Array.from({ length: numClients }, () => []);
    for (const label of classes) {
      const members = rng.shuffle((byClass.get(label) as number[]).slice());
      const weights = Array.from({ length: numClients }, () => rng.gamma(alpha));
      const total = weights.reduce((a, b) => a + b, 0);
      let start = 0;
      let cumulative = 0;
      weights.forEach((w, c) => {
        cumulative += w / total;
        const end = c === numClients - 1 ? members.length : Math.round(cumulative * members.length);
        (clients[c] as number[]).push(...members.slice(start, end));
        start = end;
      });
    }
    if (clients.every((c) => c.length >= minSize)) return summarizePartition(labels, clients);
  }
  throw ValidationError.expected(
    `a minSize that Dirichlet(${alpha}) draws reach within 100 attempts`,
    minSize,
    'partitionDirichlet',
  );
}
