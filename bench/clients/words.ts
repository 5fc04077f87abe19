import { fakerRU, fakerUK } from '@faker-js/faker';
import { RUSSIAN_NAMES, UKRAINIAN_NAMES, type NameSet } from '../../packages/server/src/demo/client-words.js';

export * from '../../packages/server/src/demo/client-words.js';

/**
 * Names of the benchmark's base: the demo's hand-written lists widened with faker's Russian and Ukrainian
 * ones (seeded, so every run makes the same base), so a million persons do not share a hundred surnames.
 */
const SEED = 20_260_404;

function widen(base: NameSet, faker: typeof fakerRU, size: number): NameSet {
  faker.seed(SEED);
  const more = (list: string[], make: () => string) => [...new Set([...list, ...faker.helpers.uniqueArray(make, size)])];
  return {
    maleLast: more(base.maleLast, () => faker.person.lastName('male')),
    femaleLast: more(base.femaleLast, () => faker.person.lastName('female')),
    maleFirst: base.maleFirst,
    femaleFirst: base.femaleFirst,
    maleMiddle: more(base.maleMiddle, () => faker.person.middleName('male')),
    femaleMiddle: more(base.femaleMiddle, () => faker.person.middleName('female')),
  };
}

export const russianNames = (): NameSet => widen(RUSSIAN_NAMES, fakerRU, 200);
export const ukrainianNames = (): NameSet => widen(UKRAINIAN_NAMES, fakerUK, 60);
