import { type EventRef, Events } from "./events";
import { type TAbstractFile, TFile } from "./files";
import { getLinkpath } from "./frontmatter";
import { type CachedMetadata, computeMetadata } from "./markdown-parse";
import { fileName } from "./path";
import { scheduler } from "./scheduler";
import type { Vault } from "./vault";

interface FileCacheEntry {
  mtime: number;
  size: number;
  hash: string;
}

/** Obsidian's `dirname`: "" for files at the root. */
function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i === -1 ? "" : path.slice(0, i);
}

/** A cheap stable content hash (Obsidian uses SHA-256; only equality matters here). */
function hashOf(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(h2 >>> 0).toString(16).padStart(8, "0")}${(h1 >>> 0).toString(16).padStart(8, "0")}:${text.length}`;
}

function byPathLength(a: TFile, b: TFile): number {
  return a.path.length - b.path.length || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/**
 * Indexing follows Obsidian's pipeline: a vault change queues the file for indexing (a worker
 * round trip, so always later), indexing fires `changed` and queues link resolution, resolving
 * fires `resolve` per file and `resolved` once the queue is empty.
 */
export class MetadataCache extends Events {
  resolvedLinks: Record<string, Record<string, number>> = {};
  unresolvedLinks: Record<string, Record<string, number>> = {};
  /** @internal Path to mtime/size/hash, as Obsidian's `fileCache`. */
  fileCache: Record<string, FileCacheEntry> = {};
  /** @internal Hash to parsed metadata, as Obsidian's `metadataCache`. */
  metadataCache: Record<string, CachedMetadata> = {};
  /** @internal Lower-cased file name to files, as Obsidian's `uniqueFileLookup`. */
  uniqueFileLookup = new Map<string, TFile[]>();
  /** @internal */ initialized = false;
  /** @internal */ inProgressTaskCount = 0;

  private workQueue: (() => void)[] = [];
  private workScheduled = false;
  private resolveQueue: (TFile | null)[] = [];
  private resolveScheduled = false;
  private cleanCallbacks: (() => void)[] = [];

  constructor(private readonly vault: Vault) {
    super();
    vault.earlyObservers.push({
      onCreate: (file) => this.initialized && this.onCreate(file),
      onModify: (file) => this.initialized && this.computeFileMetadataAsync(file),
      onDelete: (file) => this.initialized && this.onDelete(file),
      onRename: (file, oldPath) => this.initialized && this.onRename(file, oldPath),
    });
  }

  getFirstLinkpathDest(linkpath: string, sourcePath: string): TFile | null {
    return this.getLinkpathDest(linkpath, sourcePath)[0] ?? null;
  }

  /** @internal Ported from Obsidian: name lookup, then relative, exact, and suffix matches. */
  getLinkpathDest(linkpath: string, sourcePath: string): TFile[] {
    if (linkpath === "" && sourcePath) {
      const f = this.vault.getAbstractFileByPath(sourcePath);
      if (f instanceof TFile) return [f];
    }
    let n = linkpath.toLowerCase();
    let name = fileName(n);
    let candidates: TFile[] | undefined;
    if (name.includes(".")) candidates = this.uniqueFileLookup.get(name);
    if (!candidates) {
      n = `${linkpath}.md`.toLowerCase();
      name = fileName(n);
      candidates = this.uniqueFileLookup.get(name);
    }
    if (!candidates || candidates.length === 0) return [];
    if (name === n && candidates.length === 1) return candidates.slice();

    let folder = dirname(sourcePath).toLowerCase();
    if (n.startsWith("./") || n.startsWith("../")) {
      if (n.startsWith("./../")) n = n.slice(2);
      if (n.startsWith("./")) {
        if (folder !== "") folder += "/";
        n = folder + n.slice(2);
      } else {
        while (n.startsWith("../")) {
          n = n.slice(3);
          folder = dirname(folder);
        }
        if (folder !== "") folder += "/";
        n = folder + n;
      }
      for (const f of candidates) if (f.path.toLowerCase() === n) return [f];
    }
    if (n.startsWith("/")) n = n.slice(1);
    for (const f of candidates) if (f.path.toLowerCase() === n) return [f];
    if (linkpath.startsWith("/")) return [];

    const sourceFolder = dirname(sourcePath).toLowerCase();
    const near: TFile[] = [];
    const far: TFile[] = [];
    for (const f of candidates) {
      const p = f.path.toLowerCase();
      if (p.endsWith(n)) (p.startsWith(sourceFolder) ? near : far).push(f);
    }
    near.sort(byPathLength);
    far.sort(byPathLength);
    return near.concat(far);
  }

  getFileCache(file: TFile): CachedMetadata | null {
    return this.getCache(file.path);
  }

  getCache(path: string): CachedMetadata | null {
    const entry = this.fileCache[path];
    if (!entry) return null;
    if (!path.endsWith(".md")) return {};
    return this.metadataCache[entry.hash] ?? null;
  }

  fileToLinktext(file: TFile, sourcePath: string, omitMdExtension = true): string {
    const format = this.vault.getConfig("newLinkFormat");
    const full = file.extension === "md" && omitMdExtension ? file.path.slice(0, -3) : file.path;
    if (format === "absolute") return full;
    if (format === "relative") {
      let prefix = "";
      let folder = dirname(sourcePath);
      while (folder !== "" && folder !== "/" && full.indexOf(`${folder}/`) !== 0) {
        prefix = `../${prefix}`;
        folder = dirname(folder);
      }
      return full.indexOf(`${folder}/`) === 0 ? prefix + full.slice(folder.length + 1) : prefix + full;
    }
    const short = file.extension === "md" && omitMdExtension ? file.basename : file.name;
    const dest = this.getLinkpathDest(getLinkpath(short), sourcePath);
    return dest.length === 1 && dest[0] === file ? short : full;
  }

  override on(name: "changed", callback: (file: TFile, data: string, cache: CachedMetadata) => unknown, ctx?: unknown): EventRef;
  override on(name: "deleted", callback: (file: TFile, prevCache: CachedMetadata | null) => unknown, ctx?: unknown): EventRef;
  override on(name: "resolve", callback: (file: TFile) => unknown, ctx?: unknown): EventRef;
  override on(name: "resolved", callback: () => unknown, ctx?: unknown): EventRef;
  override on(name: string, callback: (...data: never[]) => unknown, ctx?: unknown): EventRef;
  override on(name: string, callback: (...data: never[]) => unknown, ctx?: unknown): EventRef {
    return super.on(name, callback as (...data: unknown[]) => unknown, ctx);
  }

  /**
   * @internal A warm start: Obsidian restores its index from IndexedDB before the vault loads,
   * so `getFileCache` already answers while the startup `create` events fire.
   */
  preloadFromDisk(): void {
    const adapter = this.vault.adapter;
    for (const [path, entry] of adapter.entries) {
      if (entry.kind !== "file" || !path.endsWith(".md")) continue;
      const stat = adapter.statSync(path);
      if (!stat) continue;
      const text = adapter.readSync(path);
      const hash = hashOf(text);
      this.metadataCache[hash] ??= computeMetadata(text);
      this.fileCache[path] = { mtime: stat.mtime, size: stat.size, hash };
    }
  }

  /** @internal Called once the vault has loaded, as Obsidian's `initialize`. */
  initialize(): void {
    const files: Record<string, TFile> = {};
    for (const f of this.vault.getFiles()) {
      this.lookupAdd(f);
      files[f.path] = f;
    }
    for (const path of Object.keys(this.fileCache)) {
      const file = files[path];
      const entry = this.fileCache[path] as FileCacheEntry;
      if (!file) this.deletePath(path);
      else if (this.metadataCache[entry.hash] && file.stat.mtime === entry.mtime && file.stat.size === entry.size) {
        this.queueResolve(file);
      } else this.computeFileMetadataAsync(file);
    }
    for (const path of Object.keys(files)) {
      if (!this.fileCache[path]) this.computeFileMetadataAsync(files[path] as TFile);
    }
    this.initialized = true;
    if (this.resolveQueue.length === 0 && this.workQueue.length === 0) this.queueResolve(null);
  }

  /** @internal */
  computeFileMetadataAsync(file: TFile): void {
    this.lookupAdd(file);
    if (file.extension !== "md") {
      this.fileCache[file.path] = { mtime: file.stat.mtime, size: file.stat.size, hash: "" };
      return;
    }
    let entry = this.fileCache[file.path];
    const fresh = !!entry && entry.mtime === file.stat.mtime && entry.size === file.stat.size && !!this.metadataCache[entry.hash];
    if (!entry) {
      entry = { mtime: 0, size: 0, hash: "" };
      this.fileCache[file.path] = entry;
    }
    if (fresh) {
      this.queueResolve(file);
      return;
    }
    const target = entry;
    this.inProgressTaskCount++;
    this.queueWork(() => {
      try {
        // Deleted before the worker got to it: Obsidian's read fails and nothing is reported.
        if (file.deleted || this.vault.fileMap[file.path] !== file) return;
        // One that cannot be read (failReads): Obsidian's read rejects, and nothing is reported either.
        if (this.vault.adapter.readFailures.has(file.path)) return;
        const data = this.vault.adapter.readSync(file.path);
        const hash = hashOf(data);
        target.mtime = file.stat.mtime;
        target.size = file.stat.size;
        target.hash = hash;
        const meta = (this.metadataCache[hash] ??= computeMetadata(data));
        this.queueResolve(file);
        this.trigger("changed", file, data, meta);
      } finally {
        this.inProgressTaskCount--;
        // The last indexed file lets the resolver announce `resolved` (see queueResolve).
        if (this.inProgressTaskCount === 0) this.queueResolve(null);
        this.checkClean();
      }
    });
  }

  private onCreate(file: TAbstractFile): void {
    if (!(file instanceof TFile)) return;
    this.computeFileMetadataAsync(file);
    this.updateRelatedLinks([file.name]);
  }

  private onDelete(file: TAbstractFile): void {
    if (!(file instanceof TFile)) return;
    this.lookupRemove(file.name.toLowerCase(), file);
    this.trigger("deleted", file, this.getCache(file.path));
    this.deletePath(file.path);
  }

  private deletePath(path: string): void {
    delete this.resolvedLinks[path];
    delete this.unresolvedLinks[path];
    delete this.fileCache[path];
    this.updateRelatedLinks([fileName(path)]);
    this.queueResolve(null);
  }

  private onRename(file: TAbstractFile, oldPath: string): void {
    if (!(file instanceof TFile)) return;
    const path = file.path;
    this.lookupRemove(fileName(oldPath).toLowerCase(), file);
    this.lookupAdd(file);
    for (const record of [this.resolvedLinks, this.unresolvedLinks]) {
      if (Object.prototype.hasOwnProperty.call(record, oldPath)) {
        record[path] = record[oldPath] as Record<string, number>;
        delete record[oldPath];
      }
    }
    if (this.fileCache[oldPath]) {
      this.fileCache[path] = this.fileCache[oldPath] as FileCacheEntry;
      delete this.fileCache[oldPath];
    }
    const oldName = fileName(oldPath);
    this.updateRelatedLinks(oldName !== file.name ? [oldName, file.name] : [oldName]);
    this.queueResolve(null);
  }

  /** Files whose links pointed at, or failed to find, one of these names are resolved again. */
  private updateRelatedLinks(names: string[]): void {
    const lower = names.map((n) => n.toLowerCase());
    const bare = new Set<string>(lower);
    for (const n of lower) if (n.endsWith(".md")) bare.add(n.slice(0, -3));
    for (const source of Object.keys(this.fileCache)) {
      const resolved = Object.keys(this.resolvedLinks[source] ?? {});
      const unresolved = Object.keys(this.unresolvedLinks[source] ?? {});
      const hit =
        resolved.some((dest) => lower.includes(fileName(dest).toLowerCase())) ||
        unresolved.some((dest) => bare.has(fileName(dest).toLowerCase()));
      if (!hit) continue;
      const file = this.vault.getFileByPath(source);
      if (file) this.queueResolve(file);
    }
  }

  private resolveLinks(path: string): void {
    const cache = this.getCache(path);
    if (!cache) return;
    const resolved: Record<string, number> = {};
    const unresolved: Record<string, number> = {};
    const refs = [...(cache.links ?? []), ...(cache.embeds ?? []), ...(cache.frontmatterLinks ?? [])];
    for (const ref of refs) {
      const linkpath = getLinkpath(ref.link);
      const dest = this.getFirstLinkpathDest(linkpath, path);
      if (dest) resolved[dest.path] = (resolved[dest.path] ?? 0) + 1;
      else unresolved[linkpath] = (unresolved[linkpath] ?? 0) + 1;
    }
    this.resolvedLinks[path] = resolved;
    this.unresolvedLinks[path] = unresolved;
  }

  private queueWork(fn: () => void): void {
    this.workQueue.push(fn);
    this.pumpWork();
  }

  private pumpWork(): void {
    if (this.workScheduled || this.workQueue.length === 0) return;
    this.workScheduled = true;
    scheduler.setTimeout(
      () => {
        this.workScheduled = false;
        this.workQueue.shift()?.();
        this.pumpWork();
      },
      0,
      "metadataCache: index a file",
    );
  }

  private queueResolve(file: TFile | null): void {
    this.resolveQueue.push(file);
    if (this.resolveScheduled) return;
    this.resolveScheduled = true;
    scheduler.setTimeout(
      () => {
        this.resolveScheduled = false;
        while (this.resolveQueue.length) {
          const item = this.resolveQueue.shift();
          if (!item || item.extension !== "md" || item.deleted) continue;
          this.resolveLinks(item.path);
          this.trigger("resolve", item);
        }
        // "All files have been resolved" only holds once no file is still waiting to be indexed.
        if (this.inProgressTaskCount === 0) this.trigger("resolved");
        this.checkClean();
      },
      0,
      "metadataCache: resolve links",
    );
  }

  /** @internal True when nothing is waiting to be indexed or resolved. */
  isCacheClean(): boolean {
    return this.inProgressTaskCount === 0 && this.resolveQueue.length === 0 && !this.resolveScheduled;
  }

  /** @internal Runs `cb` once the index is clean (Obsidian's `onCleanCache`). */
  onCleanCache(cb: () => void): void {
    if (this.isCacheClean()) cb();
    else this.cleanCallbacks.push(cb);
  }

  private checkClean(): void {
    while (this.cleanCallbacks.length && this.isCacheClean()) this.cleanCallbacks.shift()?.();
  }

  private lookupAdd(file: TFile): void {
    const key = file.name.toLowerCase();
    const list = this.uniqueFileLookup.get(key) ?? [];
    if (!list.includes(file)) list.push(file);
    this.uniqueFileLookup.set(key, list);
  }

  private lookupRemove(key: string, file: TFile): void {
    const list = this.uniqueFileLookup.get(key);
    if (!list) return;
    const i = list.indexOf(file);
    if (i !== -1) list.splice(i, 1);
    if (list.length === 0) this.uniqueFileLookup.delete(key);
  }
}
