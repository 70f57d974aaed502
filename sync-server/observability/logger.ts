import pino, { type DestinationStream } from 'pino';

/**
 * JSON-lines logs on pino (one object per line on stdout: `time`, `level` as a word, `msg`,
 * fields). Secrets never reach a log: any `token`, `authorization`, `code` or `pin` field is
 * redacted wherever it sits. `plain` is for the lines people and tests grep ("owner pairing
 * code: …"), written to the same stream so the two never interleave mid-line.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void;
  plain(line: string): void;
}

const REDACT = ['token', 'authorization', 'code', 'pin', '*.token', '*.authorization', '*.code', '*.pin', 'headers.authorization', '*.headers.authorization'];

/** `write` receives one line without its newline (tests capture them); default stdout. */
export function createLogger(write?: (line: string) => void): Logger {
  const stream: DestinationStream = write ? { write: (chunk: string) => write(chunk.replace(/\n$/, '')) } : pino.destination({ dest: 1, sync: false });
  const log = pino(
    {
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: '[redacted]' },
      level: 'debug',
    },
    stream,
  );
  return {
    log(level, msg, fields = {}) {
      log[level](fields, msg);
    },
    plain(line) {
      stream.write(`${line}\n`);
    },
  };
}

export const silentLogger: Logger = { log() {}, plain() {} };
