import { useState } from 'react';
import { Modal, Select, Stack, Tabs } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { AbsencesPanel } from './AbsencesPanel';
import { WorkingHoursPanel } from './WorkingHoursPanel';

export interface ScheduleDialogProps {
  opened: boolean;
  onClose: () => void;
  /** The people shown in the calendar; one's own schedule comes first. */
  people: { id: string; name: string }[];
}

/** Absences and working hours: one's own, or (for a head) those of the people in the calendar. */
export function ScheduleDialog({ opened, onClose, people }: ScheduleDialogProps) {
  const { t } = useTranslation();
  const me = useSession().user;
  const phone = useMediaQuery('(max-width: 48em)');
  const choices = [{ id: me.id, name: me.name }, ...people.filter((p) => p.id !== me.id)];
  const [userId, setUserId] = useState(me.id);
  const user = choices.find((p) => p.id === userId) ?? choices[0]!;
  return (
    <Modal opened={opened} onClose={onClose} title={t('calendar.absences.title')} size="lg" fullScreen={phone}>
      {opened && (
        <Stack>
          {choices.length > 1 && (
            <Select
              label={t('calendar.absences.employee')}
              data={choices.map((p) => ({ value: p.id, label: p.id === me.id ? t('calendar.absences.me', { name: p.name }) : p.name }))}
              value={user.id}
              onChange={(v) => v && setUserId(v)}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              data-testid="schedule-employee"
            />
          )}
          <Tabs defaultValue="absences" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="absences">{t('calendar.absences.tab')}</Tabs.Tab>
              <Tabs.Tab value="hours" data-testid="schedule-hours-tab">
                {t('calendar.hours.tab')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="absences" pt="md">
              <AbsencesPanel key={user.id} user={user} />
            </Tabs.Panel>
            <Tabs.Panel value="hours" pt="md">
              <WorkingHoursPanel key={user.id} user={user} />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </Modal>
  );
}
