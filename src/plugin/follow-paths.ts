// Where files go while a command runs: the page "Regenerate customer page" was asked for may be
// renamed, moved or deleted before its round writes it (Sync from another device, the user in
// another tab), and the command then regenerates it where it went, or says what became of it.

/** A file followed through renames (its folders' too) and deletes: where it is now, or null once deleted. */
export interface Followed {
  readonly from: string;
  path: string | null;
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
    for (const f of this.followed) {
      if (f.path === from) f.path = to;
      else if (f.path?.startsWith(`${from}/`) === true) f.path = to + f.path.slice(from.length);
    }
  }

  deleted(path: string): void {
    for (const f of this.followed) if (f.path === path || f.path?.startsWith(`${path}/`) === true) f.path = null;
  }
}
