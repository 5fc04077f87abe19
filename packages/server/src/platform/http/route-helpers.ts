import { problemSchema } from '@kontakt/shared';

/** Error answers every private route may give, for the OpenAPI document. */
export const errorResponses = { '4xx': problemSchema } as const;

export const noContent = { 204: problemSchema.optional().describe('No content') } as const;
