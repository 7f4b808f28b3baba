/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads a file as UTF-8 text. */
  readFile: (path: string) => Promise<string>;
  /** Current time in epoch ms (default for `--at`). */
  now: () => number;
}
