/**
 * Why an OpenSLO file could not be read, in words safe to store and show:
 * the file and the reason, never the file's contents.
 */
export class DefinitionReadError extends Error {
  name = 'DefinitionReadError';

  /** The file as resolved (URL or path), when it got that far. */
  file?: string;
}

/** The reason a read went over `slo.definitions.maxFileBytes`. */
export function fileTooLarge(maxBytes: number): DefinitionReadError {
  return new DefinitionReadError(
    `it is larger than ${maxBytes} bytes (slo.definitions.maxFileBytes)`,
  );
}
