// The process-wide pino logger factory: JSON lines on stdout.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'hqdb'): Logger {
  return pino({ name, level });
}
