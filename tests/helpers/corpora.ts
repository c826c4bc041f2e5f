// Reading ../shared/corpora (see its README): case tables and what real Obsidian recorded.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SHARED } from "./vault";

export const CORPORA = join(SHARED, "corpora");

export function readJson<T>(rel: string): T {
  return JSON.parse(readFileSync(join(CORPORA, rel), "utf8")) as T;
}

export function recordedFiles(): string[] {
  return readdirSync(join(CORPORA, "obsidian-recorded"))
    .filter((f) => f.endsWith(".json"))
    .sort();
}
