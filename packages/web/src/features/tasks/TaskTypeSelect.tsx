import { Group, Select, Text, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { typeLabel } from './taskModel';
import { TaskTypeIcon } from './TaskTypeIcon';
import { useTaskTypes } from './useTasks';

/** A task type picked with its icon; switched-off types are not offered, except the one already chosen. */
export function TaskTypeSelect({ value, onChange, ...rest }: Omit<SelectProps, 'data' | 'value' | 'onChange'> & { value: string | null; onChange: (id: string | null) => void }) {
  const { t } = useTranslation();
  const types = useTaskTypes();
  const offered = (types.data ?? []).filter((x) => x.active || x.id === value);
  const chosen = offered.find((x) => x.id === value);
  return (
    <Select
      {...rest}
      data={offered.map((x) => ({ value: x.id, label: typeLabel(x, t) }))}
      value={value}
      onChange={onChange}
      searchable
      allowDeselect={false}
      leftSection={chosen ? <TaskTypeIcon type={chosen} size={22} /> : undefined}
      leftSectionWidth={chosen ? 36 : undefined}
      renderOption={({ option }) => {
        const x = offered.find((o) => o.id === option.value);
        return (
          <Group gap="xs" wrap="nowrap">
            {x && <TaskTypeIcon type={x} size={22} />}
            <Text size="sm">{option.label}</Text>
          </Group>
        );
      }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
