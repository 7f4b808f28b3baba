import fs from 'node:fs/promises';
import { constants } from 'node:fs';
import type { Readable } from 'node:stream';
import { DefinitionReadError, fileTooLarge } from './DefinitionReadError';

/**
 * Reads `stream` to its end, giving up (and destroying the stream) as soon
 * as more than `maxBytes` arrived, so an endless or huge body is never held.
 */
export async function readStreamAtMost(
  stream: Readable,
  maxBytes: number,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      total += bytes.length;
      if (total > maxBytes) {
        throw fileTooLarge(maxBytes);
      }
      chunks.push(bytes);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks, total);
}

/**
 * Reads the regular file at `filePath`, at most `maxBytes` of it: a device,
 * pipe or directory is refused before reading, and a file longer than
 * `maxBytes` (also one that grows while read) after `maxBytes + 1` bytes.
 */
export async function readLocalFileAtMost(
  filePath: string,
  maxBytes: number,
): Promise<Buffer> {
  const handle = await fs.open(
    filePath,
    // eslint-disable-next-line no-bitwise
    constants.O_RDONLY | constants.O_NONBLOCK,
  );
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new DefinitionReadError(`${filePath} is not a regular file`);
    }
    if (stat.size > maxBytes) {
      throw fileTooLarge(maxBytes);
    }
    const buffer = Buffer.alloc(maxBytes + 1);
    let total = 0;
    while (total < buffer.length) {
      const { bytesRead } = await handle.read(
        buffer,
        total,
        buffer.length - total,
        total,
      );
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    if (total > maxBytes) {
      throw fileTooLarge(maxBytes);
    }
    return buffer.subarray(0, total);
  } finally {
    await handle.close();
  }
}

/** The bytes as UTF-8 text (a leading byte-order mark dropped); refuses anything else. */
export function decodeUtf8Text(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DefinitionReadError('it is not UTF-8 text');
  }
}
