// Reading and copying vault folders for tests.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";

export const ROOT = join(__dirname, "..", "..");

/**
 * The shared folder (spec, corpora, bench) beside the project: `../shared` from the project root,
 * or $CUSTOMER_PAGES_SHARED, or /work/shared for a clone made elsewhere (as the CI hook does).
 */
export const SHARED = [process.env.CUSTOMER_PAGES_SHARED, join(ROOT, "..", "shared"), "/work/shared"].find(
  (d): d is string => d !== undefined && d !== "" && existsSync(join(d, "spec", "customer-pages.md")),
) ?? join(ROOT, "..", "shared");

/** Every file below `dir` (dot-folders included), as vault-relative paths with `/`. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

export function readVault(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const p of listFiles(dir)) files.set(p, readFileSync(join(dir, p), "utf8"));
  return files;
}

/** A fresh copy of a vault in a temporary folder. */
export function copyVault(dir: string): string {
  const tmp = mkdtempSync(join(tmpdir(), "cp-vault-"));
  cpSync(dir, tmp, { recursive: true });
  return tmp;
}
