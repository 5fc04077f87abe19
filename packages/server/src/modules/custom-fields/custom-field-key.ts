import { CUSTOM_FIELD_KEY_PATTERN } from '@kontakt/shared';

/** Russian and Ukrainian letters in the common passport-style latin spelling. */
const LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i',
  ї: 'yi', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

const MAX_GENERATED = 40;

/** "Дата последней встречи" → "data_poslednei_vstrechi": a key API users and import columns can type. */
export function keyFromLabel(label: string): string {
  const latin = [...label.toLowerCase()]
    .map((ch) => LATIN[ch] ?? ch)
    .join('')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’ʼ`]/g, '');
  let key = latin.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, MAX_GENERATED).replace(/_+$/, '');
  if (!key) key = 'field';
  if (!/^[a-z]/.test(key)) key = `f_${key}`;
  return key;
}

export const isValidKey = (key: string): boolean => CUSTOM_FIELD_KEY_PATTERN.test(key);

/** The first of `key`, `key_2`, `key_3`… not in `taken`. */
export function firstFreeKey(key: string, taken: ReadonlySet<string>): string {
  if (!taken.has(key)) return key;
  for (let n = 2; ; n++) {
    const candidate = `${key}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
