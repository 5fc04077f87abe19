import { useRef, useState } from 'react';
import { Avatar, Button, Combobox, Group, Mark, Paper, Stack, Text, Textarea, Title, useCombobox } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { useFormErrors } from '../../ui/formErrors';
import { useFormat } from '../../ui/format';
import { ErrorState } from '../../ui/states';
import { useUserOptions } from '../users/useUsers';
import { activeMention, insertMention, mentionedIds, splitMentions } from './mentionModel';
import type { Named } from './taskModel';
import type { TaskComment } from './tasksApi';
import { useAddComment, useComments } from './useTasks';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('');
}

function CommentBody({ comment, me }: { comment: TaskComment; me: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {splitMentions(comment.body, comment.mentions).map((segment, i) =>
        'user' in segment ? (
          <Mark key={i} color={segment.user.id === me ? 'yellow' : 'blue'} px={2} style={{ borderRadius: 4 }} data-testid="comment-mention">
            {segment.text}
          </Mark>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </Text>
  );
}

/** A comment box where "@" opens a list of employees; the picked ones are notified. */
function CommentEditor({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const add = useAddComment(taskId);
  const errors = useFormErrors(['body']);
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<Named[]>([]);
  const [mention, setMention] = useState<{ start: number; query: string } | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const combobox = useCombobox();
  const options = useUserOptions(mention?.query ?? '', mention !== null);
  const users = mention ? (options.data?.items ?? []) : [];

  const track = (value: string, caret: number) => {
    setText(value);
    errors.clearField('body');
    const next = activeMention(value, caret);
    setMention(next);
    if (next) combobox.openDropdown();
    else combobox.closeDropdown();
  };
  const pick = (user: Named) => {
    const el = ref.current;
    if (!mention || !el) return;
    const next = insertMention(text, mention.start, el.selectionStart ?? text.length, user.name);
    setText(next.text);
    setPicked((old) => (old.some((u) => u.id === user.id) ? old : [...old, user]));
    setMention(null);
    combobox.closeDropdown();
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(next.caret, next.caret);
    });
  };
  const send = () => {
    if (!text.trim()) return;
    add.mutate(
      { body: text.trim(), mentionIds: mentionedIds(text, picked) },
      {
        onSuccess: () => {
          setText('');
          setPicked([]);
        },
        onError: errors.handle,
      },
    );
  };

  return (
    <Stack gap="xs">
      <Combobox store={combobox} onOptionSubmit={(id) => {
        const user = users.find((u) => u.id === id);
        if (user) pick({ id: user.id, name: user.name });
      }} withinPortal position="bottom-start">
        <Combobox.Target>
          <Textarea
            ref={ref}
            value={text}
            placeholder={t('tasks.comments.placeholder')}
            aria-label={t('tasks.comments.new')}
            onChange={(e) => track(e.currentTarget.value, e.currentTarget.selectionStart ?? e.currentTarget.value.length)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                send();
              }
            }}
            onBlur={() => combobox.closeDropdown()}
            error={errors.errorFor('body') ?? errors.problem?.title}
            autosize
            minRows={2}
            maxRows={8}
            data-testid="comment-input"
          />
        </Combobox.Target>
        <Combobox.Dropdown hidden={!mention || users.length === 0}>
          <Combobox.Options aria-label={t('tasks.comments.mention')}>
            {users.map((u) => (
              <Combobox.Option key={u.id} value={u.id} data-testid={`mention-option-${u.id}`}>
                <Group gap="xs" wrap="nowrap">
                  <Avatar size={22} radius="xl" color="blue">
                    {initials(u.name)}
                  </Avatar>
                  <Text size="sm">{u.name}</Text>
                </Group>
              </Combobox.Option>
            ))}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          {t('tasks.comments.hint')}
        </Text>
        <Button size="xs" leftSection={<IconSend size={14} />} onClick={send} loading={add.isPending} disabled={!text.trim()} data-testid="comment-send">
          {t('tasks.comments.send')}
        </Button>
      </Group>
    </Stack>
  );
}

export function TaskComments({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useSession().user.id;
  const comments = useComments(taskId);
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label={t('tasks.comments.title')} data-testid="task-comments">
      <Title order={4} fz="md" mb="sm">
        {t('tasks.comments.title')}
      </Title>
      <Stack gap="sm">
        {comments.isError && <ErrorState error={comments.error} onRetry={() => void comments.refetch()} />}
        {comments.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('tasks.comments.empty')}
          </Text>
        )}
        {comments.data?.map((c) => (
          <Group key={c.id} align="flex-start" gap="sm" wrap="nowrap" data-testid="comment">
            <Avatar size={32} radius="xl" color={c.author.id === me ? 'teal' : 'blue'}>
              {initials(c.author.name)}
            </Avatar>
            <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  {c.author.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {fmt.dateTime(c.createdAt)}
                </Text>
              </Group>
              <CommentBody comment={c} me={me} />
            </Stack>
          </Group>
        ))}
        <CommentEditor taskId={taskId} />
      </Stack>
    </Paper>
  );
}
