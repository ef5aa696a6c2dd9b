// `npm start -w @tessera/example-federated [-- --clients 5 --rounds 5 --no-dp --no-secagg]`: a federated
// server and k client processes on 127.0.0.1, training the digits CNN with FedAvg + DP-FedAvg + secure
// aggregation; prints every process's log and the final accuracy and ε.
import { parseArgs } from 'node:util';
import { reportOf, runScript } from './processes.js';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '5' },
    'no-dp': { type: 'boolean', default: false },
    'no-secagg': { type: 'boolean', default: false },
  },
});
const k = Number(args.clients);
const tokens = Array.from(
  { length: k },
  (_, i) => [`client-${i}`, `token-${i}-${Math.random().toString(36).slice(2)}`] as const,
);
const server = runScript(
  'server',
  'server.ts',
  [
    '--clients',
    String(k),
    '--rounds',
    args.rounds!,
    '--tokens',
    tokens.map(([id, token]) => `${id}:${token}`).join(','),
    ...(args['no-dp'] ? [] : ['--dp', '0.3']),
    ...(args['no-secagg'] ? [] : ['--secagg', String(Math.max(2, Math.ceil((2 * k) / 3)))]),
  ],
  true,
);
const url = (await server.waitFor(/^LISTENING /)).split(' ')[1]!;
const clients = tokens.map(([id, token], i) =>
  runScript(
    id,
    'client.ts',
    ['--url', url, '--id', id, '--token', token, '--index', String(i), '--clients', String(k)],
    true,
  ),
);
await Promise.all([server.exited, ...clients.map((c) => c.exited)]);
const report = reportOf<{
  rounds: {
    round: number;
    evaluation?: { metrics: { accuracy: number } };
    fitMetrics: Record<string, number>;
  }[];
  stopReason: string;
}>(server);
console.log('\nround  test accuracy  ε (δ = 1e-5)');
for (const r of report.rounds) {
  console.log(
    `${String(r.round).padStart(5)}  ${r.evaluation?.metrics.accuracy.toFixed(3).padStart(13)}  ${r.fitMetrics.dpEpsilon?.toFixed(2) ?? '—'}`,
  );
}
console.log(`stopped: ${report.stopReason}`);
