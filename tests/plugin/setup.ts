// Starting the real plugin class against the fake Obsidian, on a vault given as files.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { run } from "../../src/cli/main";
import CustomerPagesPlugin from "../../src/plugin/main";
import { createFakeApp, type FakeAppOptions, type FakeHarness } from "../fake-obsidian/harness";
import { listFiles } from "../helpers/vault";

export const MANIFEST = { id: "customer-pages", name: "Customer Pages", version: "0.1.0", minAppVersion: "1.5.7" };

export interface Started {
  h: FakeHarness;
  plugin: CustomerPagesPlugin;
}

/** The file each markdown leaf shows, in the workspace's order ("" for an empty one). */
export function shownFiles(h: FakeHarness): string[] {
  return h.workspace.getLeavesOfType("markdown").map((l) => (l.view as unknown as { file: { path: string } | null }).file?.path ?? "");
}

/** Loads the plugin the way Obsidian does at startup, and waits until its index is built. */
export async function startPlugin(files: Record<string, string>, data?: unknown, options: FakeAppOptions = {}): Promise<Started> {
  return start(files, { data }, options);
}

/** startPlugin with data.json holding this text, JSON or not. */
export async function startPluginWithDataText(files: Record<string, string>, dataText: string): Promise<Started> {
  return start(files, { dataText }, {});
}

async function start(files: Record<string, string>, data: { data?: unknown; dataText?: string }, options: FakeAppOptions): Promise<Started> {
  // Noon of 2026-01-01 on the machine's own clock: the plugin's today (todayFromClock) is that day
  // in every time zone. Noon UTC was 2026-01-02 beyond UTC+12 (Kiritimati, Tonga, Apia), and the
  // panel said "13 days ago" where the tests want 12.
  const h = createFakeApp({ files, now: new Date(2026, 0, 1, 12).getTime(), ...options });
  const plugin = await h.loadPlugin(CustomerPagesPlugin, { manifest: MANIFEST, ...data });
  await h.startup();
  await h.settle();
  await h.run(plugin.indexer.settled());
  h.clearLogs();
  return { h, plugin };
}

/** A small CRM vault: two customers, their people, meetings, and a colleague's 1:1. */
export function crmVault(): Record<string, string> {
  return {
    "Customers/Acme.md": "---\ntype: customer\nstatus: Active\n---\n# Acme\n\nManual intro.\n\n## Recent Context\n\n## Notes\n\nMine.\n",
    "Customers/Globex.md": "---\ntype: customer\n---\n# Globex\n",
    "People/Ann Lee.md": "---\ncompany: \"[[Acme]]\"\nrole: CTO\naliases: [Ann]\n---\n",
    "People/Bob Stone.md": "---\ncompany: \"[[Globex]]\"\nrole: Buyer\n---\n",
    "People/Dana.md": "---\ncompany: Our Company\n---\n",
    "Meetings/2025-10-01 - Acme kickoff.md": "Kickoff with [[Ann Lee]].\n\n## Key Facts\n\n- Acme runs two sites\n\n- [ ] Send the plan\n",
    "Meetings/2025-10-02 - Globex sync.md": "Sync with [[Bob Stone]] of [[Globex]].\n",
    "Meetings/2025-10-03 - 1-1 Dana.md": "1:1 with [[Dana]].\n",
  };
}

export const DATA_JSON = ".obsidian/plugins/customer-pages/data.json";

/** Every markdown file after one CLI run (`--today` the plugin's day) on these files and settings. */
export async function cliVault(files: Record<string, string>, settings: unknown): Promise<Map<string, string>> {
  const disk = mkdtempSync(join(tmpdir(), "cp-plugin-cli-"));
  try {
    for (const [p, text] of Object.entries({ ...files, [DATA_JSON]: JSON.stringify(settings) })) {
      mkdirSync(dirname(join(disk, p)), { recursive: true });
      writeFileSync(join(disk, p), text);
    }
    let stderr = "";
    expect(await run(["regenerate", "--vault", disk, "--today", "2026-01-01"], { stdout: () => undefined, stderr: (t) => (stderr += t) })).toBe(0);
    return new Map(listFiles(disk).filter((p) => p.endsWith(".md")).map((p) => [p, readFileSync(join(disk, p), "utf8")]));
  } finally {
    rmSync(disk, { recursive: true, force: true });
  }
}

/** The vault's markdown files as the plugin left them. */
export function markdownOf(h: FakeHarness, paths: Iterable<string>): Map<string, string> {
  return new Map([...paths].filter((p) => p.endsWith(".md")).sort().map((p) => [p, h.read(p)]));
}
