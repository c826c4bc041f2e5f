// The warnings the "Show warnings" command lists: plain data, grouped by file, cut at a cap.
import { dedupeWarnings } from "../core/regenerate";
import { compareCodeUnits } from "../core/text";
import type { Warning } from "../core/vault-index";

/** How many warnings the list shows at most (a large vault can have thousands of unresolved links). */
export const WARNINGS_SHOWN = 200;

export interface WarningGroup {
  /** The note the warnings are about; null for the settings' own warnings (no note to open). */
  path: string | null;
  label: string;
  messages: string[];
}

export interface WarningsModel {
  groups: WarningGroup[];
  /** Every warning, also those cut off. */
  total: number;
  /** Warnings left out by the cap ("and N more"). */
  hidden: number;
}

/**
 * Settings warnings first, then one group per file in path order; a warning said twice (the vault's
 * and a round's) is listed once. At most `cap` messages are kept.
 */
export function warningsModel(settings: readonly string[], warnings: readonly Warning[], cap = WARNINGS_SHOWN): WarningsModel {
  const byFile = new Map<string, string[]>();
  let total = 0;
  for (const w of dedupeWarnings(warnings)) {
    total++;
    const list = byFile.get(w.file);
    if (list) list.push(w.message);
    else byFile.set(w.file, [w.message]);
  }
  const settingsMessages = [...new Set(settings)];
  total += settingsMessages.length;
  const all: WarningGroup[] = [];
  if (settingsMessages.length > 0) all.push({ path: null, label: "Settings", messages: settingsMessages });
  for (const path of [...byFile.keys()].sort(compareCodeUnits)) all.push({ path, label: path, messages: byFile.get(path)! });
  const groups: WarningGroup[] = [];
  let left = cap;
  for (const g of all) {
    if (left <= 0) break;
    const messages = g.messages.slice(0, left);
    left -= messages.length;
    groups.push({ ...g, messages });
  }
  return { groups, total, hidden: total - (cap - left) };
}
