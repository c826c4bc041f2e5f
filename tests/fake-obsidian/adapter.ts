import { ancestorPaths, fileName, joinPath, normalizePath, parentPath } from "./path";
import { scheduler } from "./scheduler";

export interface DataWriteOptions {
  ctime?: number;
  mtime?: number;
}

export interface Stat {
  type: "file" | "folder";
  ctime: number;
  mtime: number;
  size: number;
}

export interface ListedFiles {
  files: string[];
  folders: string[];
}

export interface DataAdapter {
  getName(): string;
  exists(normalizedPath: string, sensitive?: boolean): Promise<boolean>;
  stat(normalizedPath: string): Promise<Stat | null>;
  list(normalizedPath: string): Promise<ListedFiles>;
  read(normalizedPath: string): Promise<string>;
  readBinary(normalizedPath: string): Promise<ArrayBuffer>;
  write(normalizedPath: string, data: string, options?: DataWriteOptions): Promise<void>;
  writeBinary(normalizedPath: string, data: ArrayBuffer, options?: DataWriteOptions): Promise<void>;
  append(normalizedPath: string, data: string, options?: DataWriteOptions): Promise<void>;
  process(normalizedPath: string, fn: (data: string) => string, options?: DataWriteOptions): Promise<string>;
  getResourcePath(normalizedPath: string): string;
  mkdir(normalizedPath: string): Promise<void>;
  trashSystem(normalizedPath: string): Promise<boolean>;
  trashLocal(normalizedPath: string): Promise<void>;
  rmdir(normalizedPath: string, recursive: boolean): Promise<void>;
  remove(normalizedPath: string): Promise<void>;
  rename(normalizedPath: string, normalizedNewPath: string): Promise<void>;
  copy(normalizedPath: string, normalizedNewPath: string): Promise<void>;
}

/** Which public API produced a write; the harness's write log is keyed on it. */
export type WriteApi =
  | "vault.create"
  | "vault.createBinary"
  | "vault.modify"
  | "vault.modifyBinary"
  | "vault.append"
  | "vault.process"
  | "vault.copy"
  | "adapter.write"
  | "adapter.writeBinary"
  | "adapter.append"
  | "adapter.process"
  | "adapter.copy"
  | "view.save"
  | "plugin.saveData"
  | "fileManager.processFrontMatter";

export interface WriteRecord {
  seq: number;
  time: number;
  path: string;
  /** Text written (binary writes are recorded as "<binary N bytes>"). */
  data: string;
  api: WriteApi;
}

export type OpKind = "mkdir" | "remove" | "rmdir" | "rename" | "trash";

export interface OpRecord {
  seq: number;
  time: number;
  op: OpKind;
  path: string;
  to?: string;
}

export type AdapterChange =
  | { type: "file-created"; path: string }
  | { type: "file-modified"; path: string }
  | { type: "file-removed"; path: string }
  | { type: "folder-created"; path: string }
  | { type: "folder-removed"; path: string }
  | { type: "renamed"; path: string; oldPath: string };

interface FileEntry {
  kind: "file";
  data: string | ArrayBuffer;
  ctime: number;
  mtime: number;
}
interface FolderEntry {
  kind: "folder";
  ctime: number;
  mtime: number;
}
type Entry = FileEntry | FolderEntry;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function fsError(code: "ENOENT" | "EEXIST" | "ENOTDIR" | "ENOTEMPTY" | "EISDIR" | ReadFailure, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** Why a file that is there cannot be read: its permissions taken away, a disk or sync tool failing it. */
export type ReadFailure = "EACCES" | "EIO";

/** Every adapter call really is asynchronous in Obsidian; callers must await. */
function ioTick(): Promise<void> {
  return Promise.resolve();
}

function sizeOf(data: string | ArrayBuffer): number {
  return typeof data === "string" ? encoder.encode(data).length : data.byteLength;
}

function asText(data: string | ArrayBuffer): string {
  return typeof data === "string" ? data : decoder.decode(new Uint8Array(data));
}

function asBinary(data: string | ArrayBuffer): ArrayBuffer {
  if (typeof data !== "string") return data.slice(0);
  const bytes = encoder.encode(data);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * The desktop adapter, over memory. Plugins check `adapter instanceof FileSystemAdapter` to find
 * the vault's base path, so the fake is an instance of the real class name.
 */
export class FileSystemAdapter implements DataAdapter {
  /** @internal */ entries = new Map<string, Entry>();
  /** @internal */ writeLog: WriteRecord[] = [];
  /** @internal */ opLog: OpRecord[] = [];
  /** @internal Files whose reads fail (the harness's failReads), with the error Node would give. */
  readFailures = new Map<string, ReadFailure>();
  /** @internal Set by the vault: adapter changes are how the vault learns about files. */
  onChange: ((change: AdapterChange) => void) | null = null;
  private seq = 0;

  constructor(private readonly vaultName = "Test Vault") {
    const now = scheduler.now();
    this.entries.set("/", { kind: "folder", ctime: now, mtime: now });
  }

  getName(): string {
    return this.vaultName;
  }

  getBasePath(): string {
    return `/fake-vaults/${this.vaultName}`;
  }

  getFullPath(normalizedPath: string): string {
    return `${this.getBasePath()}/${normalizedPath}`;
  }

  getFilePath(normalizedPath: string): string {
    return `file://${this.getFullPath(normalizedPath)}`;
  }

  getResourcePath(normalizedPath: string): string {
    const entry = this.entries.get(key(normalizedPath));
    return `app://fake/${encodeURI(this.getFullPath(normalizedPath))}?${entry?.mtime ?? 0}`;
  }

  static readLocalFile(_path: string): Promise<ArrayBuffer> {
    return Promise.reject(new Error("fake-obsidian: FileSystemAdapter.readLocalFile reads outside the vault"));
  }

  static mkdir(_path: string): Promise<void> {
    return Promise.reject(new Error("fake-obsidian: FileSystemAdapter.mkdir writes outside the vault"));
  }

  async exists(normalizedPath: string, _sensitive?: boolean): Promise<boolean> {
    await ioTick();
    // The fake behaves like a case-sensitive file system (Linux), whatever `sensitive` says.
    return this.entries.has(key(normalizedPath));
  }

  async stat(normalizedPath: string): Promise<Stat | null> {
    await ioTick();
    return this.statSync(normalizedPath);
  }

  /** @internal */
  statSync(normalizedPath: string): Stat | null {
    const entry = this.entries.get(key(normalizedPath));
    if (!entry) return null;
    if (entry.kind === "folder") return { type: "folder", ctime: entry.ctime, mtime: entry.mtime, size: 0 };
    return { type: "file", ctime: entry.ctime, mtime: entry.mtime, size: sizeOf(entry.data) };
  }

  async list(normalizedPath: string): Promise<ListedFiles> {
    await ioTick();
    const folder = key(normalizedPath);
    const entry = this.entries.get(folder);
    if (!entry) throw fsError("ENOENT", `no such file or directory, scandir '${normalizedPath}'`);
    if (entry.kind !== "folder") throw fsError("ENOTDIR", `not a directory, scandir '${normalizedPath}'`);
    const out: ListedFiles = { files: [], folders: [] };
    for (const [path, e] of this.entries) {
      if (path === "/" || parentPath(path) !== folder) continue;
      (e.kind === "folder" ? out.folders : out.files).push(path);
    }
    out.files.sort();
    out.folders.sort();
    return out;
  }

  async read(normalizedPath: string): Promise<string> {
    await ioTick();
    this.assertReadable(normalizedPath);
    return asText(this.fileEntry(normalizedPath, "open").data);
  }

  async readBinary(normalizedPath: string): Promise<ArrayBuffer> {
    await ioTick();
    this.assertReadable(normalizedPath);
    return asBinary(this.fileEntry(normalizedPath, "open").data);
  }

  /** @internal Throws what reading the file gives when its reads are set to fail (as Node's fs would). */
  assertReadable(normalizedPath: string): void {
    const path = key(normalizedPath);
    const code = this.readFailures.get(path);
    if (code === "EACCES") throw fsError(code, `permission denied, open '${path}'`);
    if (code === "EIO") throw fsError(code, "i/o error, read");
  }

  /** @internal Synchronous read for the fake's own bookkeeping. */
  readSync(normalizedPath: string): string {
    return asText(this.fileEntry(normalizedPath, "open").data);
  }

  /** @internal */
  hasFile(normalizedPath: string): boolean {
    return this.entries.get(key(normalizedPath))?.kind === "file";
  }

  /** @internal */
  hasFolder(normalizedPath: string): boolean {
    return this.entries.get(key(normalizedPath))?.kind === "folder";
  }

  async write(normalizedPath: string, data: string, options?: DataWriteOptions): Promise<void> {
    await ioTick();
    this.writeSync(normalizedPath, data, "adapter.write", options);
  }

  async writeBinary(normalizedPath: string, data: ArrayBuffer, options?: DataWriteOptions): Promise<void> {
    await ioTick();
    this.writeSync(normalizedPath, data, "adapter.writeBinary", options);
  }

  async append(normalizedPath: string, data: string, options?: DataWriteOptions): Promise<void> {
    await ioTick();
    const path = key(normalizedPath);
    const existing = this.entries.get(path);
    const before = existing?.kind === "file" ? asText(existing.data) : "";
    this.writeSync(path, before + data, "adapter.append", options);
  }

  async process(normalizedPath: string, fn: (data: string) => string, options?: DataWriteOptions): Promise<string> {
    await ioTick();
    return this.processSync(normalizedPath, fn, "adapter.process", options);
  }

  /**
   * @internal Read, transform and write with no await in between: nothing else can run in the
   * middle, which is what makes `process` atomic.
   */
  processSync(normalizedPath: string, fn: (data: string) => string, api: WriteApi, options?: DataWriteOptions): string {
    this.assertReadable(normalizedPath);
    const before = asText(this.fileEntry(normalizedPath, "open").data);
    const after = fn(before);
    if (typeof after !== "string") throw new TypeError("process callback must return a string");
    this.writeSync(normalizedPath, after, api, options);
    return after;
  }

  /** @internal The one place content changes through an API, so the write log is complete. */
  writeSync(normalizedPath: string, data: string | ArrayBuffer, api: WriteApi, options?: DataWriteOptions): void {
    const path = key(normalizedPath);
    const existing = this.entries.get(path);
    if (existing?.kind === "folder") throw fsError("EISDIR", `illegal operation on a directory, open '${path}'`);
    this.requireFolder(parentPath(path), path);
    const stored = typeof data === "string" ? data : data.slice(0);
    this.setFile(path, stored, existing, options);
    this.writeLog.push({
      seq: ++this.seq,
      time: scheduler.now(),
      path,
      data: typeof data === "string" ? data : `<binary ${data.byteLength} bytes>`,
      api,
    });
    this.onChange?.({ type: existing ? "file-modified" : "file-created", path });
  }

  /** @internal A change made by another program: not in the write log, but seen by the vault. */
  externalWrite(normalizedPath: string, data: string | ArrayBuffer, options?: DataWriteOptions): void {
    const path = key(normalizedPath);
    for (const folder of ancestorPaths(path)) this.mkdirSync(folder, false);
    const existing = this.entries.get(path);
    this.setFile(path, data, existing, options);
    this.onChange?.({ type: existing ? "file-modified" : "file-created", path });
  }

  private setFile(path: string, data: string | ArrayBuffer, existing: Entry | undefined, options?: DataWriteOptions): void {
    const now = scheduler.now();
    // Strictly increasing per file: Obsidian's metadata cache decides "unchanged" by mtime and
    // size, and a frozen test clock must not make two different writes look identical.
    const mtime = options?.mtime ?? Math.max(now, existing ? existing.mtime + 1 : now);
    const ctime = options?.ctime ?? existing?.ctime ?? now;
    this.entries.set(path, { kind: "file", data, ctime, mtime });
  }

  async mkdir(normalizedPath: string): Promise<void> {
    await ioTick();
    this.mkdirSync(normalizedPath, true);
  }

  /** @internal Recursive, like `mkdir -p`; existing folders are fine. */
  mkdirSync(normalizedPath: string, log: boolean): string[] {
    const path = key(normalizedPath);
    const created: string[] = [];
    for (const folder of [...ancestorPaths(path), path]) {
      if (folder === "/" || folder === "") continue;
      const entry = this.entries.get(folder);
      if (entry?.kind === "file") throw fsError("ENOTDIR", `not a directory, mkdir '${folder}'`);
      if (entry) continue;
      const now = scheduler.now();
      this.entries.set(folder, { kind: "folder", ctime: now, mtime: now });
      created.push(folder);
      if (log) this.opLog.push({ seq: ++this.seq, time: now, op: "mkdir", path: folder });
      this.onChange?.({ type: "folder-created", path: folder });
    }
    return created;
  }

  async trashSystem(normalizedPath: string): Promise<boolean> {
    await ioTick();
    this.removeTree(key(normalizedPath), "trash");
    return true;
  }

  async trashLocal(normalizedPath: string): Promise<void> {
    await ioTick();
    const path = key(normalizedPath);
    this.mkdirSync(".trash", false);
    let target = joinPath(".trash", fileName(path));
    for (let i = 1; this.entries.has(target); i++) target = joinPath(".trash", `${fileName(path)} ${i}`);
    this.opLog.push({ seq: ++this.seq, time: scheduler.now(), op: "trash", path, to: target });
    this.moveTree(path, target);
  }

  async rmdir(normalizedPath: string, recursive: boolean): Promise<void> {
    await ioTick();
    const path = key(normalizedPath);
    const entry = this.entries.get(path);
    if (!entry) throw fsError("ENOENT", `no such file or directory, rmdir '${path}'`);
    if (entry.kind !== "folder") throw fsError("ENOTDIR", `not a directory, rmdir '${path}'`);
    if (!recursive && this.childrenOf(path).length > 0) throw fsError("ENOTEMPTY", `directory not empty, rmdir '${path}'`);
    this.removeTree(path, "rmdir");
  }

  async remove(normalizedPath: string): Promise<void> {
    await ioTick();
    const path = key(normalizedPath);
    const entry = this.entries.get(path);
    if (!entry) throw fsError("ENOENT", `no such file or directory, unlink '${path}'`);
    if (entry.kind !== "file") throw fsError("EISDIR", `illegal operation on a directory, unlink '${path}'`);
    this.removeTree(path, "remove");
  }

  /** @internal Removes a file or folder; children go first, as their deletions are reported first. */
  removeTree(path: string, op: OpKind, log = true): void {
    const entry = this.entries.get(path);
    if (!entry) throw fsError("ENOENT", `no such file or directory, '${path}'`);
    if (log) this.opLog.push({ seq: ++this.seq, time: scheduler.now(), op, path });
    const remove = (p: string): void => {
      const e = this.entries.get(p);
      if (!e) return;
      if (e.kind === "folder") for (const child of this.childrenOf(p)) remove(child);
      this.entries.delete(p);
      this.readFailures.delete(p);
      this.onChange?.({ type: e.kind === "folder" ? "folder-removed" : "file-removed", path: p });
    };
    remove(path);
  }

  async rename(normalizedPath: string, normalizedNewPath: string): Promise<void> {
    await ioTick();
    const from = key(normalizedPath);
    const to = key(normalizedNewPath);
    if (!this.entries.has(from)) throw fsError("ENOENT", `no such file or directory, rename '${from}' -> '${to}'`);
    if (from === to) return;
    if (this.entries.has(to) && from.toLowerCase() !== to.toLowerCase()) {
      throw new Error("Destination file already exists!");
    }
    this.opLog.push({ seq: ++this.seq, time: scheduler.now(), op: "rename", path: from, to });
    this.moveTree(from, to);
  }

  /** @internal */
  moveTree(from: string, to: string): void {
    // Missing parent folders of the destination are created, like `mkdir -p` before the move.
    for (const folder of ancestorPaths(to)) this.mkdirSync(folder, false);
    this.moveTreeSilently(from, to);
    this.onChange?.({ type: "renamed", path: to, oldPath: from });
  }

  /** Moves the entries (and what fails their reads), telling no one; missing parents are made silently. */
  private moveTreeSilently(from: string, to: string): void {
    for (const folder of ancestorPaths(to)) {
      if (folder !== "/" && folder !== "" && !this.entries.has(folder)) this.entries.set(folder, { kind: "folder", ctime: scheduler.now(), mtime: scheduler.now() });
    }
    const moved: [string, Entry][] = [];
    for (const [path, entry] of this.entries) {
      if (path === from || path.startsWith(`${from}/`)) moved.push([path, entry]);
    }
    for (const [path] of moved) this.entries.delete(path);
    for (const [path, entry] of moved) {
      this.entries.set(to + path.slice(from.length), entry);
      // A file keeps what fails its reads (its permissions) where it goes.
      const failure = this.readFailures.get(path);
      if (failure === undefined) continue;
      this.readFailures.delete(path);
      this.readFailures.set(to + path.slice(from.length), failure);
    }
  }

  /**
   * @internal Another program moved or renamed a file or folder. Obsidian learns of it from its file
   * watcher, which reports paths that went and paths that came, not a rename: the old path is
   * removed (its contents first) and every new path created, parents first.
   */
  externalMove(from: string, to: string): void {
    if (!this.entries.has(from)) throw fsError("ENOENT", `no such file or directory, rename '${from}' -> '${to}'`);
    const missing = ancestorPaths(to).filter((f) => f !== "/" && f !== "" && !this.entries.has(f));
    this.moveTreeSilently(from, to);
    const folder = this.entries.get(to)?.kind === "folder";
    // The old paths went (the vault drops what was under a folder with it) …
    this.onChange?.({ type: folder ? "folder-removed" : "file-removed", path: from });
    // … and the new ones came: the destination's missing parent folders, then what was moved.
    const moved = [...this.entries.keys()].filter((p) => p === to || p.startsWith(`${to}/`)).sort();
    for (const p of [...missing, ...moved]) this.onChange?.({ type: this.entries.get(p)?.kind === "folder" ? "folder-created" : "file-created", path: p });
  }

  async copy(normalizedPath: string, normalizedNewPath: string): Promise<void> {
    await ioTick();
    this.copySync(normalizedPath, normalizedNewPath, "adapter.copy");
  }

  /** @internal */
  copySync(normalizedPath: string, normalizedNewPath: string, api: WriteApi): void {
    const from = key(normalizedPath);
    const to = key(normalizedNewPath);
    const entry = this.entries.get(from);
    if (!entry) throw fsError("ENOENT", `no such file or directory, copyfile '${from}'`);
    if (this.entries.has(to)) throw fsError("EEXIST", `file already exists, copyfile '${from}' -> '${to}'`);
    if (entry.kind === "file") {
      this.writeSync(to, typeof entry.data === "string" ? entry.data : entry.data.slice(0), api);
      return;
    }
    this.requireFolder(parentPath(to), to);
    this.mkdirSync(to, true);
    for (const child of this.childrenOf(from)) this.copySync(child, joinPath(to, fileName(child)), api);
  }

  /** @internal Direct children, folders and files, sorted by path. */
  childrenOf(folder: string): string[] {
    const out: string[] = [];
    for (const path of this.entries.keys()) {
      if (path !== "/" && parentPath(path) === folder) out.push(path);
    }
    return out.sort();
  }

  private fileEntry(normalizedPath: string, syscall: string): FileEntry {
    const path = key(normalizedPath);
    const entry = this.entries.get(path);
    if (!entry) throw fsError("ENOENT", `no such file or directory, ${syscall} '${path}'`);
    if (entry.kind !== "file") throw fsError("EISDIR", `illegal operation on a directory, ${syscall} '${path}'`);
    return entry;
  }

  private requireFolder(folder: string, forPath: string): void {
    const entry = this.entries.get(folder);
    if (!entry) throw fsError("ENOENT", `no such file or directory, open '${forPath}'`);
    if (entry.kind !== "folder") throw fsError("ENOTDIR", `not a directory, open '${forPath}'`);
  }
}

function key(path: string): string {
  return normalizePath(path);
}

/** The mobile adapter exists in the API; the fake only runs as desktop. */
export class CapacitorAdapter extends FileSystemAdapter {}
