import { afterEach, describe, expect, it, vi } from 'vitest';

import { randomUuid } from './random-id';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('randomUuid', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('gives a lowercase UUID v4 where crypto.randomUUID exists', () => {
    expect(randomUuid()).toMatch(UUID_V4);
  });

  it('builds a UUID v4 from random bytes where crypto.randomUUID is missing', () => {
    const { getRandomValues } = crypto;
    vi.stubGlobal('crypto', { getRandomValues: getRandomValues.bind(crypto) });

    const ids = Array.from({ length: 200 }, () => randomUuid());

    expect(ids.every((id) => UUID_V4.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(200);
  });
});
