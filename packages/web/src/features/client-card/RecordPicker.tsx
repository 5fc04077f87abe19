import type { ClientType } from '@kontakt/shared';
import { SearchPicker, type SearchPickerProps } from '../../ui/SearchPicker';
import { useRecordOptions } from './useClientCard';

/** Picks an organization or a person by typing part of the name; the server searches within the user's rights. */
export function RecordPicker({ type, ...rest }: SearchPickerProps & { type: ClientType }) {
  return <SearchPicker {...rest} useOptions={(query) => useRecordOptions(type, query)} />;
}
