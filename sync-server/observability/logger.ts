/** JSON-lines logs on stdout (one object per line); `plain` is for the lines tests and humans grep. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void;
  plain(line: string): void;
}

export function createLogger(write: (line: string) => void = (l) => process.stdout.write(l + '\n')): Logger {
  return {
    log(level, msg, fields = {}) {
      write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
    },
    plain(line) {
      write(line);
    },
  };
}

export const silentLogger: Logger = { log() {}, plain() {} };
