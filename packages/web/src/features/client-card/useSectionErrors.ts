import { useCallback, useRef, useState } from 'react';
import { isApiError } from '../../api/client';
import type { FormProblem } from '../../ui/formErrors';
import { errorTitle } from '../../ui/notify';

/**
 * Like useFormErrors, for sections whose inputs are not a fixed list (contact rows, bank accounts, custom
 * fields): `owns(field)` says whether the section renders an input for a server field such as
 * `bankAccounts.0.bik`; those messages go under their inputs, the rest into the section's alert.
 */
export function useSectionErrors(owns: (field: string) => boolean) {
  const ownsRef = useRef(owns);
  ownsRef.current = owns;
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const handle = useCallback((error: unknown) => {
    const next: Record<string, string> = {};
    const details: string[] = [];
    if (isApiError(error)) {
      for (const e of error.problem.errors ?? []) {
        if (ownsRef.current(e.field) && !next[e.field]) next[e.field] = e.message;
        else details.push(e.message);
      }
    }
    setFieldErrors(next);
    const onlyFieldErrors = Object.keys(next).length > 0 && details.length === 0;
    setProblem(
      onlyFieldErrors
        ? null
        : {
            title: errorTitle(error),
            details,
            conflict: isApiError(error, 'version_conflict'),
            retryAfter: isApiError(error) ? error.problem.retryAfter : undefined,
          },
    );
  }, []);

  const clear = useCallback(() => {
    setFieldErrors({});
    setProblem(null);
  }, []);

  const clearField = useCallback((field: string) => {
    setFieldErrors((old) => {
      if (!(field in old)) return old;
      const { [field]: _removed, ...rest } = old;
      return rest;
    });
  }, []);

  const errorFor = useCallback((field: string) => fieldErrors[field], [fieldErrors]);
  return { fieldErrors, problem, handle, clear, clearField, errorFor };
}

export type SectionErrors = ReturnType<typeof useSectionErrors>;
