// Where files go while a command runs: the page "Regenerate customer page" was asked for may be
// renamed, moved or deleted before its round writes it (Sync from another device, the user in
// another tab), and the command then regenerates it where it went, or says what became of it.

/** A file followed through renames (its folders' too) and deletes: where it is now, or null once deleted. */
export interface Followed {
  readonly from: string;
  path: string | null;
}

/** Where `path` is after `from` (a file or folder) was renamed to `to`; null when it was not moved. */
export function renamedPath(path: string, from: string, to: string): string | null {
  return path === from ? to : path.startsWith(`${from}/`) ? to + path.slice(from.length) : null;
}

/** Whether `path` is `folder` or inside it: deleted with it. */
export function isAtOrUnder(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}

export class PathFollower {
  /** Only while a command runs: with none, each vault event costs one look at an empty set. */
  private readonly followed = new Set<Followed>();

  /** Follows `path` until `stop` is called. */
  follow(path: string): { followed: Followed; stop: () => void } {
    const followed: Followed = { from: path, path };
    this.followed.add(followed);
    return { followed, stop: () => this.followed.delete(followed) };
  }

  renamed(from: string, to: string): void {
    for (const f of this.followed) if (f.path !== null) f.path = renamedPath(f.path, from, to) ?? f.path;
  }

  deleted(path: string): void {
    for (const f of this.followed) if (f.path !== null && isAtOrUnder(f.path, path)) f.path = null;
  }
}
