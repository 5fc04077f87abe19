import { randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';
import { isValidSettlementAccount } from '@kontakt/shared';
import type { ClientType, ImportJobDto, ImportUploadResult } from '@kontakt/shared';
import type { Agent } from '../../testing/test-app.js';

/** Test-only helpers: build files in code and drive the import API like the web wizard does. */

export function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer; type?: string }) {
  const boundary = `----kontakt${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const csv = (lines: string[][], delimiter = ';') =>
  lines.map((cells) => cells.map((c) => (/[";,\t\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter)).join('\r\n');

export const utf8 = (text: string, bom = false) => Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf8');
export const cp1251 = (text: string) => iconv.encode(text, 'win1251');

export async function upload(agent: Agent, objectType: ClientType, name: string, bytes: Buffer) {
  const { body, headers } = multipart({ objectType }, { name, bytes });
  return agent.post('/api/v1/imports', body, headers);
}

export async function uploadOk(agent: Agent, objectType: ClientType, name: string, bytes: Buffer): Promise<ImportUploadResult> {
  const response = await upload(agent, objectType, name, bytes);
  if (response.statusCode !== 201) throw new Error(`upload failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** Commits and waits for the background job to finish. */
export async function commitAndWait(agent: Agent, id: string, body: Record<string, unknown> = {}): Promise<ImportJobDto> {
  const response = await agent.post(`/api/v1/imports/${id}/commit`, body);
  if (response.statusCode !== 202) throw new Error(`commit failed: ${response.statusCode} ${response.body}`);
  for (let i = 0; i < 600; i++) {
    const job: ImportJobDto = (await agent.get(`/api/v1/imports/${id}`)).json();
    if (job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('import did not finish');
}

const checkDigit = (digits: string, weights: readonly number[]) => (weights.reduce((s, w, i) => s + w * Number(digits[i]), 0) % 11) % 10;

/** A 10-digit INN with a correct control digit, different for each `n` below 10⁷. */
export function validInn(n: number): string {
  const body = `77${String((n * 7919) % 10_000_000).padStart(7, '0')}`;
  return body + checkDigit(body, [2, 4, 10, 3, 5, 9, 4, 6, 8]);
}

/** The same INN with its control digit broken. */
export const brokenInn = (n: number) => {
  const inn = validInn(n);
  return inn.slice(0, 9) + String((Number(inn[9]) + 1) % 10);
};

/** A settlement account at the bank with this BIK whose control key is right. */
export function validAccount(bik: string, n: number): string {
  const tail = String(n).padStart(11, '0');
  for (let key = 0; key <= 9; key++) {
    const account = `40702810${key}${tail}`;
    if (isValidSettlementAccount(account, bik)) return account;
  }
  throw new Error('no key');
}
