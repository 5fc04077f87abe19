import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { api, isApiError } from '../../api/client';
import { PublicLayout } from '../../app/PublicLayout';
import { startSession } from '../../app/session';
import { FormAlert, useFormErrors } from '../../ui/formErrors';

const FIELDS = ['email', 'password', 'code'] as const;

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needCode, setNeedCode] = useState(false);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const codeRef = useRef<HTMLInputElement>(null);
  const errors = useFormErrors(FIELDS);

  const waitSeconds = waitUntil ? Math.max(0, Math.ceil((waitUntil - now) / 1000)) : 0;
  useEffect(() => {
    if (!waitUntil) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waitUntil]);

  const login = useMutation({
    mutationFn: api.auth.login,
    onSuccess: (session) => {
      startSession(session);
      const from = (location.state as { from?: string } | null)?.from;
      void navigate(from && from !== '/login' ? from : '/', { replace: true });
    },
    onError: (error) => {
      if (isApiError(error, 'two_factor_required') && !needCode) {
        // Not a mistake: the account has two-factor login, so ask for the code and keep the rest.
        errors.clear();
        setNeedCode(true);
        setTimeout(() => codeRef.current?.focus(), 0);
        return;
      }
      errors.handle(error);
      if (isApiError(error, 'too_many_attempts') && error.problem.retryAfter) {
        setNow(Date.now());
        setWaitUntil(Date.now() + error.problem.retryAfter * 1000);
      }
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    login.mutate({ email: email.trim(), password, code: needCode && code.trim() ? code.trim() : undefined });
  };

  return (
    <PublicLayout title={t('login.title')} subtitle={t('login.subtitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert problem={errors.problem} />
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => {
              setEmail(e.currentTarget.value);
              errors.clearField('email');
            }}
            error={errors.errorFor('email')}
            data-testid="login-email"
            data-autofocus
            autoFocus
          />
          <PasswordInput
            label={t('fields.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              errors.clearField('password');
            }}
            error={errors.errorFor('password')}
            data-testid="login-password"
          />
          {needCode && (
            <TextInput
              ref={codeRef}
              label={t('login.code')}
              description={t('login.codeHint')}
              autoComplete="one-time-code"
              inputMode="text"
              required
              value={code}
              onChange={(e) => {
                setCode(e.currentTarget.value);
                errors.clearField('code');
              }}
              error={errors.errorFor('code')}
              data-testid="login-code"
            />
          )}
          {waitSeconds > 0 && (
            <Text size="sm" c="orange" role="status">
              {t('login.wait', { seconds: waitSeconds })}
            </Text>
          )}
          <Button type="submit" fullWidth loading={login.isPending} disabled={waitSeconds > 0} data-testid="login-submit">
            {t('login.submit')}
          </Button>
          {needCode && (
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                setNeedCode(false);
                setCode('');
                errors.clear();
              }}
            >
              {t('login.otherAccount')}
            </Anchor>
          )}
        </Stack>
      </form>
    </PublicLayout>
  );
}
