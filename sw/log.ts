/**
 * Opt-in diagnostics (`debug: true`): lifecycle steps and likely mistakes.
 * Callers pass counts, codes and reasons, never payloads or tokens.
 */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export function createLogger(where: string, enabled: () => boolean): Logger {
  const prefix = `[exponea ${where}]`;
  return {
    info: (message) => enabled() && console.info(prefix, message),
    warn: (message) => enabled() && console.warn(prefix, message),
  };
}
