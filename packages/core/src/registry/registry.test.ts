import { describe, expect, expectTypeOf, it } from 'vitest';
import { DuplicatePluginError, UnknownPluginError, ValidationError } from '../errors/index.js';
import type { Plugin, PluginId } from './plugin.js';
import { createRegistry, registry } from './registry.js';

const schedule = (name: string, aliases?: string[]): Plugin<'schedule', number, (s: number) => number> => ({
  kind: 'schedule',
  id: `schedule:${name}`,
  apiVersion: 1,
  ...(aliases ? { aliases } : {}),
  create: (lr) => () => lr,
});

describe('Registry', () => {
  it('creates lazily by id, bare name or alias', () => {
    const reg = createRegistry();
    let calls = 0;
    reg.register({
      ...schedule('constant', ['const']),
      create: (lr: number) => {
        calls++;
        return () => lr;
      },
    });
    expect(calls).toBe(0);
    expect(reg.create<(s: number) => number>('schedule:constant', 0.1)(5)).toBe(0.1);
    expect(reg.create<(s: number) => number>('const', 0.2, 'schedule')(5)).toBe(0.2);
    expect(reg.get('constant', 'schedule').id).toBe('schedule:constant');
    expect(calls).toBe(2);
  });

  it('throws DuplicatePluginError on a taken id or alias', () => {
    const reg = createRegistry();
    reg.register(schedule('a', ['x']));
    expect(() => reg.register(schedule('a'))).toThrow(DuplicatePluginError);
    expect(() => reg.register(schedule('b', ['x']))).toThrow(/schedule:x/);
  });

  it('lists known ids of the kind in UnknownPluginError', () => {
    const reg = createRegistry();
    reg.register(schedule('cosine'));
    reg.register(schedule('linear'));
    reg.register({ kind: 'loss', id: 'loss:mse', apiVersion: 1, create: () => 0 });
    const err = (() => {
      try {
        reg.get('schedule:nope');
      } catch (e) {
        return e as UnknownPluginError;
      }
    })();
    expect(err).toBeInstanceOf(UnknownPluginError);
    expect(err?.code).toBe('E_UNKNOWN_PLUGIN');
    expect(err?.known).toEqual(['schedule:cosine', 'schedule:linear']);
    expect(err?.message).toContain('schedule:cosine, schedule:linear');
    expect(() => reg.get('mse', 'schedule')).toThrow(/schedule:mse/);
  });

  it('rejects malformed ids, kind mismatches and unsupported api versions', () => {
    const reg = createRegistry();
    expect(() => reg.register({ ...schedule('a'), id: 'nocolon' as PluginId<'schedule'> })).toThrow(
      ValidationError,
    );
    expect(() => reg.register({ ...schedule('a'), id: 'loss:a' as unknown as PluginId<'schedule'> })).toThrow(
      /does not start with its kind/,
    );
    expect(() => reg.register({ ...schedule('a'), apiVersion: 2 })).toThrow(/API version 2/);
  });

  it('unregisters with aliases; scoped registries are isolated from the global one', () => {
    const reg = createRegistry();
    reg.register(schedule('a', ['aa']));
    expect(reg.unregister('schedule:a')).toBe(true);
    expect(reg.has('aa', 'schedule')).toBe(false);
    expect(registry.has('schedule:a')).toBe(false);
    expect(reg.list()).toEqual([]);
  });

  it('types ids by kind', () => {
    expectTypeOf<'optimizer:adamw'>().toMatchTypeOf<PluginId<'optimizer'>>();
    expectTypeOf<'loss:mse'>().not.toMatchTypeOf<PluginId<'optimizer'>>();
    const getLoss = () => registry.get('loss:mse' as const);
    expectTypeOf<ReturnType<typeof getLoss>['kind']>().toEqualTypeOf<'loss'>();
  });
});
