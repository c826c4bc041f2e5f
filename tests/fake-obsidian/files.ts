import { basenameOf, extensionOf, fileName } from "./path";
import type { Vault } from "./vault";

export interface FileStats {
  ctime: number;
  mtime: number;
  size: number;
}

export abstract class TAbstractFile {
  vault: Vault;
  path = "";
  name = "";
  parent: TFolder | null = null;
  /** Obsidian sets this when the file is removed, so stale references can be recognised. */
  deleted = false;

  constructor(vault?: Vault) {
    // Obsidian's constructor is not public; plugins sometimes `new TFile()` in their own tests.
    this.vault = vault as Vault;
  }

  /** @internal Keeps name-derived fields in step with the path, as Obsidian's `setPath` does. */
  setPath(path: string): void {
    this.path = path;
    this.name = path === "/" ? "" : fileName(path);
  }
}

export class TFile extends TAbstractFile {
  stat: FileStats = { ctime: 0, mtime: 0, size: 0 };
  basename = "";
  extension = "";

  constructor(vault?: Vault, path?: string) {
    super(vault);
    // After the field initialisers, which would otherwise reset what setPath derived.
    if (path !== undefined) this.setPath(path);
  }

  override setPath(path: string): void {
    super.setPath(path);
    this.basename = basenameOf(this.name);
    this.extension = extensionOf(this.name);
  }
}

export class TFolder extends TAbstractFile {
  children: TAbstractFile[] = [];

  constructor(vault?: Vault, path?: string) {
    super(vault);
    if (path !== undefined) this.setPath(path);
  }

  isRoot(): boolean {
    return this.path === "/";
  }
}
