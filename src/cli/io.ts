/** What the CLI needs from the outside world, passed in so tests run it in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readFile: (path: string) => string;
  /** The current instant in epoch ms (the only clock the CLI reads). */
  readonly now: () => number;
}
