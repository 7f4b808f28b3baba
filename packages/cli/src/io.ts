/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads a file as UTF-8 text. */
  readFile: (path: string) => Promise<string>;
  /** Writes (creates or replaces) a file as UTF-8 text. */
  writeFile: (path: string, text: string) => Promise<void>;
  /** Current time in epoch ms (default for `--at`). */
  now: () => number;
}
