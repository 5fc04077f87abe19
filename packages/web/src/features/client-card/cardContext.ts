import { createContext, useContext } from 'react';
import type { ClientType } from '@kontakt/shared';

/** What every section of an open card needs: which record, may it be changed, and how to save a part of it. */
export interface CardContextValue {
  type: ClientType;
  id: string;
  name: string;
  version: number;
  deleted: boolean;
  canEdit: boolean;
  /** PATCHes the given fields with the card's current version; rejects with the ApiError. */
  save: (body: Record<string, unknown>) => Promise<unknown>;
  /** Fetches the card again (after a version conflict). */
  reload: () => void;
}

export const CardContext = createContext<CardContextValue | null>(null);

export function useCard(): CardContextValue {
  const value = useContext(CardContext);
  if (!value) throw new Error('useCard() is used outside of a client card');
  return value;
}
