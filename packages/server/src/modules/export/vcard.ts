/**
 * vCard 4.0 (RFC 6350) of contact persons, for address books and phones. Text values are escaped
 * (backslash, comma, semicolon, line breaks) and lines longer than 75 octets are folded without cutting a
 * UTF-8 character in half, as the RFC asks.
 */
export interface VCardPerson {
  id: string;
  lastName: string;
  firstName: string | null;
  middleName: string | null;
  fullName: string;
  organization: string | null;
  position: string | null;
  birthDate: string | null;
  notes: string | null;
  updatedAt: string;
  contacts: { kind: string; value: string; normalized: string }[];
  addresses: { kind: string; country: string | null; postalCode: string | null; region: string | null; city: string | null; street: string | null }[];
}

export const escapeText = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\r\n|\r|\n/g, '\\n');

/** Splits a content line into 75-octet pieces joined by CRLF and a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // Continuation lines start with a space, which counts towards their 75 octets.
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const compact = (parts: (string | null)[]) => parts.map((p) => escapeText(p ?? '')).join(';');

export function vcard(person: VCardPerson): string {
  const lines: string[] = ['BEGIN:VCARD', 'VERSION:4.0', `UID:urn:uuid:${person.id}`, `FN:${escapeText(person.fullName)}`];
  lines.push(`N:${compact([person.lastName, person.firstName, person.middleName, null, null])}`);
  if (person.organization) lines.push(`ORG:${escapeText(person.organization)}`);
  if (person.position) lines.push(`TITLE:${escapeText(person.position)}`);
  for (const c of person.contacts) {
    if (c.kind === 'phone' || c.kind === 'fax') {
      const type = c.kind === 'fax' ? 'fax' : 'voice';
      lines.push(c.normalized ? `TEL;VALUE=uri;TYPE=${type}:tel:${c.normalized}` : `TEL;TYPE=${type}:${escapeText(c.value)}`);
    } else if (c.kind === 'email') {
      lines.push(`EMAIL;TYPE=work:${escapeText(c.value)}`);
    } else if (c.kind === 'website') {
      lines.push(`URL:${c.value.replace(/[\r\n]/g, '')}`);
    }
  }
  for (const a of person.addresses) {
    // ADR: post office box; extended address; street; locality; region; postal code; country.
    const type = a.kind === 'other' ? 'home' : 'work';
    lines.push(`ADR;TYPE=${type}:${compact([null, null, a.street, a.city, a.region, a.postalCode, a.country])}`);
  }
  if (person.birthDate) lines.push(`BDAY:${person.birthDate.replace(/-/g, '')}`);
  if (person.notes) lines.push(`NOTE:${escapeText(person.notes)}`);
  lines.push(`REV:${person.updatedAt.replace(/[-:]/g, '').replace(/\.\d+/, '')}`);
  lines.push('END:VCARD');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
