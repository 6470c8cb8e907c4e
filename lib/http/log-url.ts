// Request URLs as the log records them: the compatible base URL carries an API token
// (/compat/<token>/asr, for clients that cannot send a header), which must never be
// written to a log file. No "server-only": server.ts runs outside Next.

export function loggedUrl(url: string | undefined): string | undefined {
  return url?.replace(/^\/compat\/[^/?#]*/i, "/compat/<token>");
}
