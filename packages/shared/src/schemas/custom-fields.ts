import { z } from 'zod';
import { CLIENT_TYPES } from './clients.js';
import { optionalText, versionSchema } from './common.js';

/**
 * Custom fields an administrator defines per object type. Values live in the record's `custom` object
 * under the field's `key`: text → string, number → number, money → decimal string with two places
 * ("1234.50", never a float), date → "YYYY-MM-DD", datetime → ISO 8601 in UTC, checkbox → boolean,
 * choice → the option's value, multi_choice → array of option values, user / organization / person →
 * the record's id.
 */
export const CUSTOM_FIELD_TYPES = [
  'text',
  'long_text',
  'number',
  'money',
  'date',
  'datetime',
  'checkbox',
  'choice',
  'multi_choice',
  'user',
  'organization',
  'person',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export const CHOICE_FIELD_TYPES: readonly CustomFieldType[] = ['choice', 'multi_choice'];
export const LINK_FIELD_TYPES = ['user', 'organization', 'person'] as const;
export type LinkFieldType = (typeof LINK_FIELD_TYPES)[number];

/** Longest value of a text custom field, in characters. */
export const CUSTOM_TEXT_MAX = { text: 500, long_text: 10_000 } as const;

/** Keys are latin slugs so they read well in the API, in filters (`custom.<key>`) and in import columns. */
export const CUSTOM_FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

export const customFieldOptionSchema = z.object({
  value: z.string().trim().min(1).max(100),
  label: z.string().trim().min(1).max(200),
});
export type CustomFieldOption = z.infer<typeof customFieldOptionSchema>;

export const customFieldDefSchema = z.object({
  id: z.uuid(),
  objectType: z.enum(CLIENT_TYPES),
  key: z.string(),
  label: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  required: z.boolean(),
  options: z.array(customFieldOptionSchema),
  section: z.string().nullable(),
  position: z.number().int(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type CustomFieldDefDto = z.infer<typeof customFieldDefSchema>;

export const customFieldListQuerySchema = z.object({
  objectType: z.enum(CLIENT_TYPES).optional(),
  /** Deactivated fields too (the settings screen shows them, to re-activate). */
  includeInactive: z.enum(['true', 'false']).optional(),
});

const label = z.string().trim().min(1).max(200);
const section = optionalText(200);

export const createCustomFieldSchema = z.object({
  objectType: z.enum(CLIENT_TYPES),
  label,
  /** Generated from the label (transliterated) when not given. */
  key: z.string().trim().max(63).optional(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  required: z.boolean().optional(),
  options: z.array(customFieldOptionSchema).max(500).optional(),
  section,
  position: z.number().int().min(0).max(100_000).optional(),
});
export type CreateCustomFieldInput = z.input<typeof createCustomFieldSchema>;

export const updateCustomFieldSchema = z.object({
  version: versionSchema,
  label: label.optional(),
  type: z.enum(CUSTOM_FIELD_TYPES).optional(),
  required: z.boolean().optional(),
  options: z.array(customFieldOptionSchema).max(500).optional(),
  section,
  position: z.number().int().min(0).max(100_000).optional(),
  active: z.boolean().optional(),
});
export type UpdateCustomFieldInput = z.input<typeof updateCustomFieldSchema>;

export const customFieldListSchema = z.object({ items: z.array(customFieldDefSchema) });
