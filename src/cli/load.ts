// Reading a vault folder into an index, with the plugin's settings from the same folder.
import { join } from "node:path";
import { excludedPrefixes } from "../core/exclusion";
import { mergeSettings } from "../core/settings";
import { VaultIndex, type Warning } from "../core/vault-index";
import { listNotes, readNote, readOptional } from "./vault-fs";

/** A mistake in how the tool was called (exit code 2). */
export class UsageError extends Error {}

/** Loads every note of the vault and builds the index. */
export function loadVaultFromDisk(vault: string, configFile: string | null, warnings: Warning[]): { index: VaultIndex; lossy: Set<string> } {
  const obsidian = join(vault, ".obsidian");
  const settingsPath = configFile ?? join(obsidian, "plugins", "customer-pages", "data.json");
  const settingsText = readOptional(settingsPath);
  if (configFile !== null && settingsText === null) throw new UsageError(`cannot read --config ${configFile}`);
  let raw: unknown;
  if (settingsText !== null) {
    try {
      raw = JSON.parse(settingsText) as unknown;
    } catch (e) {
      warnings.push({ file: settingsPath, message: `settings are not valid JSON (${(e as Error).message}); using the defaults` });
    }
  }
  const merged = mergeSettings(raw);
  for (const m of merged.warnings) warnings.push({ file: settingsPath, message: m });
  const excluded = excludedPrefixes(merged.settings.excludedFolders, {
    appJson: readOptional(join(obsidian, "app.json")),
    templatesJson: readOptional(join(obsidian, "templates.json")),
  });
  const files = listNotes(vault).map((p) => {
    const f = readNote(vault, p);
    if (f.lossy) warnings.push({ file: p, message: "not valid UTF-8; invalid bytes read as U+FFFD and the note is never written" });
    return f;
  });
  const lossy = new Set(files.filter((f) => f.lossy).map((f) => f.path));
  return { index: VaultIndex.build(files, merged.settings, excluded), lossy };
}

