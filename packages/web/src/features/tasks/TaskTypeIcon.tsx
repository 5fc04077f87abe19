import type { ComponentType } from 'react';
import { ThemeIcon, Tooltip } from '@mantine/core';
import {
  IconAt,
  IconBell,
  IconBrandTelegram,
  IconBrandWhatsapp,
  IconBriefcase,
  IconCalendarEvent,
  IconCar,
  IconCheckbox,
  IconClipboardList,
  IconCoffee,
  IconDeviceDesktop,
  IconFileText,
  IconFlag,
  IconGift,
  IconHeartHandshake,
  IconMail,
  IconMapPin,
  IconMessageCircle,
  IconMessages,
  IconPhone,
  IconPresentation,
  IconPrinter,
  IconReceipt,
  IconSchool,
  IconStar,
  IconTool,
  IconTruck,
  IconUsers,
  IconVideo,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { typeLabel } from './taskModel';

type Icon = ComponentType<{ size?: number; stroke?: number }>;

/** The icons a type may have, by the name stored in task_types.icon (Tabler names without the prefix). */
export const TYPE_ICONS: Record<string, Icon> = {
  checkbox: IconCheckbox,
  briefcase: IconBriefcase,
  flag: IconFlag,
  phone: IconPhone,
  users: IconUsers,
  mail: IconMail,
  at: IconAt,
  printer: IconPrinter,
  'device-desktop': IconDeviceDesktop,
  presentation: IconPresentation,
  messages: IconMessages,
  'file-text': IconFileText,
  'calendar-event': IconCalendarEvent,
  car: IconCar,
  coffee: IconCoffee,
  'heart-handshake': IconHeartHandshake,
  star: IconStar,
  bell: IconBell,
  truck: IconTruck,
  receipt: IconReceipt,
  video: IconVideo,
  'map-pin': IconMapPin,
  'clipboard-list': IconClipboardList,
  tool: IconTool,
  school: IconSchool,
  gift: IconGift,
  'message-circle': IconMessageCircle,
  'brand-telegram': IconBrandTelegram,
  'brand-whatsapp': IconBrandWhatsapp,
};

/** Mantine palette colours a type may take. */
export const TYPE_COLORS = ['gray', 'red', 'pink', 'grape', 'violet', 'indigo', 'blue', 'cyan', 'teal', 'green', 'lime', 'yellow', 'orange'] as const;

export function typeIcon(name: string | null | undefined): Icon {
  return (name && TYPE_ICONS[name]) || IconCheckbox;
}

/** A type's icon in its colour, named for screen readers (and in a tooltip) by the type's name. */
export function TaskTypeIcon({
  type,
  size = 28,
  withTooltip = false,
}: {
  type: { key: string | null; name: string | null; icon: string; color: string };
  size?: number;
  withTooltip?: boolean;
}) {
  const { t } = useTranslation();
  const Icon = typeIcon(type.icon);
  const label = typeLabel(type, t);
  const icon = (
    <ThemeIcon variant="light" color={type.color} size={size} radius="md" aria-label={label} role="img">
      <Icon size={Math.round(size * 0.62)} stroke={1.7} />
    </ThemeIcon>
  );
  return withTooltip ? (
    <Tooltip label={label} withArrow>
      {icon}
    </Tooltip>
  ) : (
    icon
  );
}
