const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** Parses "30d", "12h", "90m", "45s", "1500ms" or a bare number of seconds into milliseconds. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+)\s*(ms|s|m|h|d|w)?\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = (m[2]?.toLowerCase() ?? 's') as keyof typeof UNIT_MS;
  return Number(m[1]) * UNIT_MS[unit];
}
