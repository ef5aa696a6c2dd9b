import { ValidationError } from '@tessera/core';
import { type Partition, partitionByLabelShards, partitionDirichlet, partitionIid } from '@tessera/data';

/** How a simulation splits a labelled data set over clients. */
export type PartitionScheme =
  | { readonly kind: 'iid' }
  | { readonly kind: 'shards'; readonly shardsPerClient?: number }
  | { readonly kind: 'dirichlet'; readonly alpha: number; readonly minSize?: number };

/**
 * Splits sample indices over `numClients` simulated clients with `@tessera/data`'s partitioners: IID,
 * label shards (McMahan et al. 2017) or Dirichlet label skew (Hsu et al. 2019), seeded.
 *
 * @example
 * ```ts
 * const { clients, labelCounts } = partitionClients(labels, 10, { kind: 'dirichlet', alpha: 0.5 }, 1);
 * ```
 * @throws {@link ValidationError} for an unknown scheme (and the partitioners' own errors).
 */
export function partitionClients(
  labels: readonly number[],
  numClients: number,
  scheme: PartitionScheme,
  seed: number,
): Partition {
  switch (scheme?.kind) {
    case 'iid':
      return partitionIid(labels, numClients, { seed });
    case 'shards':
      return partitionByLabelShards(labels, numClients, {
        seed,
        shardsPerClient: scheme.shardsPerClient ?? 2,
      });
    case 'dirichlet':
      return partitionDirichlet(labels, numClients, {
        seed,
        alpha: scheme.alpha,
        minSize: scheme.minSize ?? 1,
      });
    default:
      throw ValidationError.expected(
        "a partition scheme of kind 'iid', 'shards' or 'dirichlet'",
        scheme,
        'partitionClients(scheme)',
      );
  }
}
