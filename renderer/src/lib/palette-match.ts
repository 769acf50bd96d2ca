/** A command of the palette: what it says, where it belongs, what it does. */
export interface PaletteCommand {
  readonly id: string;
  readonly title: string;
  /** Shown after the title, searched too ("Schedule · sat-1"). */
  readonly detail?: string;
  readonly run: () => void;
}

/**
 * The commands that match what was typed, best first: every word typed must start a word of the title or the
 * detail (so "rep ba" finds "demo-repo-sync-base"); titles that start with the first word come first, then the
 * shorter ones. Without a query, the commands as given.
 */
export function matchCommands(commands: ReadonlyArray<PaletteCommand>, query: string, limit = 50): PaletteCommand[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return commands.slice(0, limit);
  const scored: Array<{ command: PaletteCommand; score: number }> = [];
  for (const command of commands) {
    const title = command.title.toLowerCase();
    const starts = wordStarts(`${title} ${command.detail?.toLowerCase() ?? ''}`);
    if (!words.every((word) => starts.some((start) => start.startsWith(word)))) continue;
    scored.push({ command, score: (title.startsWith(words[0] ?? '') ? 0 : 1000) + title.length });
  }
  return scored
    .sort((a, b) => a.score - b.score)
    .slice(0, limit)
    .map((item) => item.command);
}

/** Every suffix of the text that begins a word (after a space, dash, dot, slash or underscore). */
function wordStarts(text: string): string[] {
  const starts: string[] = [];
  for (let index = 0; index < text.length; index++) {
    if (index === 0 || /[\s\-._/·]/.test(text[index - 1] ?? '')) starts.push(text.slice(index));
  }
  return starts;
}
