import { useCallback, useRef, useState } from 'react';
import { Alert, Button, Group, List, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { errorTitle } from './notify';

export interface FormProblem {
  title: string;
  /** Field messages the form has no input for (shown in the alert instead of being lost). */
  details: string[];
  conflict: boolean;
  retryAfter?: number;
}

/**
 * Maps a failed request onto a form: `errors[].message` under the inputs the form renders, everything
 * else — the problem title, unknown fields, a version conflict — in one alert. `fields` lists the inputs,
 * or, for forms whose inputs are not a fixed list (contact rows, bank accounts, custom fields), says whether
 * the form renders an input for a server field such as `bankAccounts.0.bik`.
 */
export function useFormErrors(fields: readonly string[] | ((field: string) => boolean)) {
  const ownsRef = useRef(fields);
  ownsRef.current = fields;
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const handle = useCallback((error: unknown) => {
    const owns = ownsRef.current;
    const next: Record<string, string> = {};
    const details: string[] = [];
    if (isApiError(error)) {
      for (const e of error.problem.errors ?? []) {
        const rendered = typeof owns === 'function' ? owns(e.field) : owns.includes(e.field);
        if (rendered && !next[e.field]) next[e.field] = e.message;
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

/**
 * Text inputs bound to one values object: `field('name')` gives value, error and an onChange that also
 * clears that field's server error, so the message goes away as soon as the user starts fixing it.
 */
export function useFormFields<K extends string>(initial: Record<K, string>, errors: ReturnType<typeof useFormErrors>) {
  const [values, setValues] = useState(initial);
  const field = (name: K) => ({
    value: values[name],
    error: errors.errorFor(name),
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [name]: value }));
      errors.clearField(name);
    },
  });
  return { values, setValues, field };
}

export function FormAlert({ problem, onReload }: { problem: FormProblem | null; onReload?: () => void }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <Alert
      color={problem.conflict ? 'orange' : 'red'}
      icon={<IconAlertCircle size={18} />}
      title={problem.conflict ? t('errors.conflictTitle') : problem.title}
      role="alert"
    >
      {problem.conflict && <Text size="sm">{t('errors.conflictText')}</Text>}
      {problem.details.length > 0 && (
        <List size="sm">
          {problem.details.map((d, i) => (
            <List.Item key={i}>{d}</List.Item>
          ))}
        </List>
      )}
      {problem.conflict && onReload && (
        <Group mt="sm">
          <Button size="xs" variant="white" color="orange" onClick={onReload}>
            {t('errors.reload')}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
