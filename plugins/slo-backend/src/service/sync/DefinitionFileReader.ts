import {
  UrlReaderService,
  isChildPath,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { Entity, getEntitySourceLocation } from '@backstage/catalog-model';
import { ANNOTATION_OPENSLO_REF } from '@slo-kit/plugin-slo-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  decodeUtf8Text,
  readLocalFileAtMost,
  readStreamAtMost,
} from './boundedRead';
import { DefinitionReadError, fileTooLarge } from './DefinitionReadError';

/** Options of {@link DefinitionFileReader}. */
export interface DefinitionFileReaderOptions {
  urlReader: UrlReaderService;
  /** `slo.definitions.maxFileBytes`. */
  maxFileBytes: number;
  /** `slo.definitions.localRoots`, absolute. */
  localRoots: string[];
}

/** A definition file that was read: its text and where it was read from. */
export interface DefinitionFile {
  text: string;
  location: string;
}

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** How much of a reader's own error message a sync error repeats. */
const MAX_REASON_LENGTH = 300;

/**
 * Reads the OpenSLO file an entity's `slo-kit.dev/openslo-ref` names: a URL
 * as is, or a path relative to the entity's source location. URLs are read
 * only through Backstage's UrlReader, under its rules (`backend.reading`,
 * the integrations); a local `file:` source location only inside a directory
 * of `slo.definitions.localRoots` (symbolic links resolved first). No file
 * is read past `slo.definitions.maxFileBytes`, and the text must be UTF-8.
 * Every failure is a {@link DefinitionReadError} that names the file and the
 * reason, never the contents.
 */
export class DefinitionFileReader {
  constructor(private readonly options: DefinitionFileReaderOptions) {}

  async read(entity: Entity): Promise<DefinitionFile> {
    const fileRef = entity.metadata.annotations?.[ANNOTATION_OPENSLO_REF] ?? '';
    if (!fileRef.trim()) {
      throw new DefinitionReadError(
        `the ${ANNOTATION_OPENSLO_REF} annotation is empty`,
      );
    }
    if (ABSOLUTE_URL.test(fileRef)) {
      return this.readUrl(fileRef);
    }
    const source = getEntitySourceLocation(entity);
    if (source.type === 'url') {
      return this.readUrl(new URL(fileRef, source.target).toString());
    }
    if (source.type === 'file') {
      const directory = source.target.endsWith('/')
        ? source.target
        : path.dirname(source.target);
      return this.readLocalFile(directory, fileRef);
    }
    throw new DefinitionReadError(
      `unsupported source location type "${source.type}"; use a URL in ${ANNOTATION_OPENSLO_REF}`,
    );
  }

  private async readUrl(url: string): Promise<DefinitionFile> {
    const { maxFileBytes } = this.options;
    return located(url, async () => {
      let bytes: Buffer;
      try {
        const response = await this.options.urlReader.readUrl(url);
        if (response.stream) {
          bytes = await readStreamAtMost(response.stream(), maxFileBytes);
        } else {
          // Readers without a stream hand over the whole body at once.
          bytes = await response.buffer();
        }
      } catch (error) {
        throw asReadError(error);
      }
      if (bytes.length > maxFileBytes) {
        throw fileTooLarge(maxFileBytes);
      }
      return { text: decodeUtf8Text(bytes), location: url };
    });
  }

  /** A file next to the entity file, inside one of the configured roots. */
  private async readLocalFile(
    directory: string,
    fileRef: string,
  ): Promise<DefinitionFile> {
    const { localRoots, maxFileBytes } = this.options;
    if (localRoots.length === 0) {
      throw new DefinitionReadError(
        'local OpenSLO files are not read: slo.definitions.localRoots is not set',
      );
    }
    let filePath: string;
    let realPath: string;
    try {
      // Stay inside the folder of the entity file, then inside a root.
      filePath = resolveSafeChildPath(directory, fileRef);
      realPath = await fs.realpath(filePath);
    } catch (error) {
      throw asReadError(error);
    }
    return located(filePath, async () => {
      const roots = await Promise.all(
        localRoots.map(root => fs.realpath(root).catch(() => undefined)),
      );
      if (
        !roots.some(root => root !== undefined && isChildPath(root, realPath))
      ) {
        throw new DefinitionReadError(
          `${realPath} is outside the directories in slo.definitions.localRoots, where local OpenSLO files are read`,
        );
      }
      try {
        const bytes = await readLocalFileAtMost(realPath, maxFileBytes);
        return { text: decodeUtf8Text(bytes), location: filePath };
      } catch (error) {
        throw asReadError(error);
      }
    });
  }
}

/** Runs `read`, naming `file` in the read error it may throw. */
async function located<T>(file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const readError = asReadError(error);
    readError.file ??= file;
    throw readError;
  }
}

/**
 * Our own reasons as they are; another error by its name and the first line
 * of its message, shortened (readers describe the request, not the body).
 */
function asReadError(error: unknown): DefinitionReadError {
  if (error instanceof DefinitionReadError) {
    return error;
  }
  const { name, message } =
    error instanceof Error ? error : { name: 'Error', message: String(error) };
  const reason = message.split('\n')[0];
  return new DefinitionReadError(
    `${name}: ${
      reason.length > MAX_REASON_LENGTH
        ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…`
        : reason
    }`,
  );
}
