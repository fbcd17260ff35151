/** How long "is typing" shows after the last signal; tabs repeat it every few seconds while typing. */
export const TYPING_SHOWN_MS = 6_000;

type Typist = { name: string; until: number };

/** Who is typing where, as heard on the live feed; expires on its own. */
export class TypingRegistry {
  private readonly byChannel = new Map<string, Map<string, Typist>>();
  private readonly watchers = new Set<() => void>();

  add(channelId: string, userId: string, name: string): void {
    const typists = this.byChannel.get(channelId) ?? new Map<string, Typist>();
    typists.set(userId, { name, until: Date.now() + TYPING_SHOWN_MS });
    this.byChannel.set(channelId, typists);
    this.changed();
    setTimeout(() => this.changed(), TYPING_SHOWN_MS + 50);
  }

  /** Their message arrived: they stopped typing it. */
  remove(channelId: string, userId: string | undefined): void {
    if (userId && this.byChannel.get(channelId)?.delete(userId)) this.changed();
  }

  names(channelId: string): string[] {
    const now = Date.now();
    return [...(this.byChannel.get(channelId)?.values() ?? [])].filter((t) => t.until > now).map((t) => t.name);
  }

  watch(watcher: () => void): () => void {
    this.watchers.add(watcher);
    return () => void this.watchers.delete(watcher);
  }

  private changed(): void {
    for (const watcher of this.watchers) watcher();
  }
}
