// Vault paths are "/"-separated, relative to the vault root, no leading or trailing slash;
// the root folder itself is "/".

export function normalizePath(path: string): string {
  let p = path.replace(/[\\/]+/g, "/").replace(/^\/+|\/+$/g, "");
  if (p === "") p = "/";
  // Obsidian turns no-break spaces into plain spaces so links typed in the editor still match.
  p = p.replace(/[\u00A0\u202F]/g, " ");
  return p.normalize("NFC");
}

export function parentPath(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

export function fileName(path: string): string {
  const i = path.lastIndexOf("/");
  return i === -1 ? path : path.slice(i + 1);
}

/** Extension without the dot; a leading dot (".gitignore") is not an extension. */
export function extensionOf(name: string): string {
  const i = name.lastIndexOf(".");
  return i <= 0 || i === name.length - 1 ? "" : name.slice(i + 1);
}

export function basenameOf(name: string): string {
  const ext = extensionOf(name);
  return ext ? name.slice(0, name.length - ext.length - 1) : name;
}

export function joinPath(folder: string, name: string): string {
  return folder === "/" || folder === "" ? name : `${folder}/${name}`;
}

/** Obsidian keeps dot-files and dot-folders (".obsidian", ".trash", ".git") out of the vault tree. */
export function isHiddenPath(path: string): boolean {
  return path.split("/").some((seg) => seg.startsWith("."));
}

/** Every ancestor folder path, outermost first, excluding the root. */
export function ancestorPaths(path: string): string[] {
  const parts = path.split("/");
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join("/"));
  return out;
}
