import { useCallback, useState } from 'react';
import { Button, Modal, Stack, Text } from '@mantine/core';
import { IconArrowsMoveHorizontal, IconCheck, IconPlayerStop, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import type { OpenChildrenAction } from './tasksApi';

type Kind = 'close' | 'move';
interface Question {
  kind: Kind;
  message: string;
  resolve: (choice: OpenChildrenAction | null) => void;
}

const CHOICES: Record<Kind, { action: OpenChildrenAction; icon: React.ReactNode; color?: string }[]> = {
  close: [
    { action: 'complete', icon: <IconCheck size={16} />, color: 'teal' },
    { action: 'cancel', icon: <IconX size={16} />, color: 'red' },
    { action: 'keep', icon: <IconPlayerStop size={16} /> },
  ],
  move: [
    { action: 'shift', icon: <IconArrowsMoveHorizontal size={16} />, color: 'blue' },
    { action: 'keep', icon: <IconPlayerStop size={16} /> },
  ],
};

/**
 * Closing or moving a project or stage with open children: the server answers 409 `task_has_open_children`
 * instead of guessing; `run` asks the user what to do with them and sends the same request again with the
 * answer. Render `dialog` once in the component that calls `run`.
 */
export function useOpenChildren() {
  const { t } = useTranslation();
  const [question, setQuestion] = useState<Question | null>(null);

  const run = useCallback(async <T,>(kind: Kind, send: (openChildren?: OpenChildrenAction) => Promise<T>): Promise<T | null> => {
    try {
      return await send();
    } catch (error) {
      if (!isApiError(error, 'task_has_open_children')) throw error;
      const choice = await new Promise<OpenChildrenAction | null>((resolve) => setQuestion({ kind, message: error.problem.title, resolve }));
      setQuestion(null);
      if (!choice) return null;
      return send(choice);
    }
  }, []);

  const dialog = (
    <Modal opened={question !== null} onClose={() => question?.resolve(null)} title={t('tasks.openChildren.title')} centered zIndex={400}>
      <Stack gap="sm" data-testid="open-children-dialog">
        <Text size="sm">{question?.message}</Text>
        {/* The server's message already asks about closing; moving needs its own question. */}
        {question?.kind === 'move' && (
          <Text size="sm" c="dimmed">
            {t('tasks.openChildren.question.move')}
          </Text>
        )}
        {CHOICES[question?.kind ?? 'close'].map(({ action, icon, color }) => (
          <Button
            key={action}
            variant="light"
            color={color ?? 'gray'}
            leftSection={icon}
            justify="flex-start"
            onClick={() => question?.resolve(action)}
            data-testid={`open-children-${action}`}
          >
            {t(`tasks.openChildren.${action}`)}
          </Button>
        ))}
        <Button variant="subtle" color="gray" onClick={() => question?.resolve(null)}>
          {t('common.cancel')}
        </Button>
      </Stack>
    </Modal>
  );
  return { run, dialog };
}
