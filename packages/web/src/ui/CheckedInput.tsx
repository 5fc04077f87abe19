import { useState } from 'react';
import { TextInput, type TextInputProps } from '@mantine/core';

interface CheckedInputProps extends Omit<TextInputProps, 'onChange'> {
  value: string;
  onChange: (value: string) => void;
  /** The message of a local check (INN checksum, BIK format…), or null when the value looks right. */
  hint: string | null;
}

/**
 * A text input with an instant hint from a local check, shown once the user leaves the field (or fixes it),
 * so half-typed numbers are not scolded. The server's message (`error`) wins over the hint.
 */
export function CheckedInput({ value, onChange, hint, error, onBlur, ...rest }: CheckedInputProps) {
  const [touched, setTouched] = useState(false);
  return (
    <TextInput
      {...rest}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      onBlur={(e) => {
        setTouched(true);
        onBlur?.(e);
      }}
      error={error || (touched && hint) || undefined}
      aria-invalid={Boolean(error || (touched && hint)) || undefined}
    />
  );
}
