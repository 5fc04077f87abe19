import { problemSchema } from '@kontakt/shared';

/** Error answers every private route may give, for the OpenAPI document. */
export const errorResponses = { '4xx': problemSchema } as const;

