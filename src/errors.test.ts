import { describe, expect, it } from 'vitest';

import { ExponeaError, fromWire, toWire } from './errors';
import { invalid } from './protocol/invalid';

/** What structured clone does to an error's wire form between page and worker. */
const across = (error: unknown) => fromWire(structuredClone(toWire(error)));

describe('errors across the page/worker boundary', () => {
  it('rebuilds a wrong argument as a TypeError with its field', () => {
    const rebuilt = across(invalid('properties.price', 'must be finite'));

    expect(rebuilt).toBeInstanceOf(TypeError);
    expect(rebuilt).toMatchObject({ field: 'properties.price' });
  });

  it('rebuilds an engine failure as an ExponeaError with its code', () => {
    const rebuilt = across(new ExponeaError('not-configured', 'configure first'));

    expect(rebuilt).toBeInstanceOf(ExponeaError);
    expect(rebuilt).toMatchObject({ code: 'not-configured' });
  });

  it('reports anything else, such as a failed transaction, as storage-failed', () => {
    const wire = toWire(new DOMException('disk full', 'QuotaExceededError'));

    expect(wire.code).toBe('storage-failed');
    expect(across(new Error('boom'))).toMatchObject({ code: 'storage-failed' });
  });

  it('does not mistake a plain TypeError for a wrong argument', () => {
    expect(toWire(new TypeError('x is not a function')).code).toBe('storage-failed');
  });
});
