import { pino, type Logger } from 'pino';

/**
 * JSON logs. Personal data never reaches them: requests are logged by method, path and operation
 * name only, and these keys are redacted wherever they appear.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'openfloor' },
    redact: {
      paths: ['*.authorization', '*.password', '*.token', '*.variables', '*.phone', '*.email', '*.name', 'req.headers'],
      censor: '[redacted]',
    },
  });
}
