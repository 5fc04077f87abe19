import { Badge, CloseButton, UnstyledButton } from '@mantine/core';

/** One applied filter as a chip: clicking the text edits the filters, the cross removes this one. */
export function FilterChip({ label, removeLabel, onRemove, onEdit }: { label: string; removeLabel: string; onRemove: () => void; onEdit: () => void }) {
  return (
    <Badge
      role="listitem"
      variant="light"
      size="lg"
      radius="sm"
      tt="none"
      fw={500}
      styles={{ root: { maxWidth: '100%' }, label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
      rightSection={<CloseButton size="xs" onClick={onRemove} aria-label={removeLabel} />}
    >
      <UnstyledButton onClick={onEdit} fz="sm" title={label} style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {label}
      </UnstyledButton>
    </Badge>
  );
}
