/**
 * Structured logs (pino) on stderr, so stdout stays clean for JSON output. Secrets are redacted
 * by path, and every string argument is passed through identifier masking: a log line must not
 * carry an ID number found on a page.
 */
import pino from 'pino';
import type { Logger } from '../checks/types';
import { maskIdentifiers } from './evidence/masking';

const REDACT = [
  'token', 'secret', 'password', 'key', 'authorization', 'cookie', 'webhook',
  '*.token', '*.secret', '*.password', '*.key', '*.authorization', '*.cookie', '*.webhook',
  'headers.authorization', 'headers.cookie', 'headers["set-cookie"]', 'headers["private-token"]',
];

export function createLogger(level = process.env['XUNJIAN_LOG_LEVEL'] ?? 'warn', destination: pino.DestinationStream = pino.destination(2)): Logger & pino.Logger {
  return pino(
    {
      level,
      base: { name: 'xunjian' },
      redact: { paths: REDACT, censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskIdentifiers(a) : a)) as Parameters<typeof method>;
          return method.apply(this, masked);
        },
      },
      formatters: {
        log(obj) {
          return JSON.parse(maskIdentifiers(JSON.stringify(obj))) as Record<string, unknown>;
        },
      },
    },
    destination,
  );
}

/** For tests and library use: discards everything. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
