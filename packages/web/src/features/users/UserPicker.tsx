import { SearchPicker, type SearchPickerProps } from '../../ui/SearchPicker';
import { useUserOptions } from './useUsers';

function useUserNames(query: string) {
  const options = useUserOptions(query);
  return { data: options.data?.items, isFetching: options.isFetching };
}

/** Picks an employee by typing part of a name; the server searches, so it works for any company size. */
export function UserPicker({ excludeId, ...rest }: Omit<SearchPickerProps, 'excludeIds'> & { excludeId?: string }) {
  return <SearchPicker {...rest} excludeIds={excludeId ? [excludeId] : undefined} useOptions={useUserNames} />;
}
