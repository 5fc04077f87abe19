import { useEffect, useState } from 'react';
import { Image, Skeleton } from '@mantine/core';
import QRCode from 'qrcode';

/** A QR code of `value`, drawn in the browser: the secret never leaves the page for an image service. */
export function QrCode({ value, label, size = 180 }: { value: string; label: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toDataURL(value, { width: size, margin: 1, errorCorrectionLevel: 'M' }).then(
      (url) => current && setSrc(url),
      () => current && setSrc(null),
    );
    return () => {
      current = false;
    };
  }, [value, size]);
  if (!src) return <Skeleton w={size} h={size} />;
  return <Image src={src} alt={label} w={size} h={size} radius="sm" data-testid="two-factor-qr" />;
}
