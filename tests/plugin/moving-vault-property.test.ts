// @vitest-environment happy-dom
// The plugin under random sequences of what a vault goes through while Obsidian runs — notes
// edited, created, renamed, moved between kind folders and deleted, folders renamed, boxes ticked
// on pages, settings changed — with refresh on save and time passing in between: refresh on save
// alone leaves every page as a fresh build over the final files makes it, and "Regenerate every
// customer page" does after settings changes too, with no tick left on a page; the panel, open
// all along, never throws.
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import type { Settings } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";
import type { FakeHarness } from "../fake-obsidian/harness";
import { crmVault, startPlugin, type Started } from "./setup";

const TODAY = parseIsoDay("2026-01-01")!;
const PATHS = [
  "Customers/Acme.md",
  "Customers/Globex.md",
  "Customers/Initech.md",
  "Customers/Sub/z.md",
  "People/Ann Lee.md",
  "People/Bob Stone.md",
  "Meetings/2025-10-01 - Acme kickoff.md",
  "Meetings/2025-10-02 - Globex sync.md",
  "Meetings/2025-10-09 - Initech.md",
  "Notes/Acme.md",
  "Notes/x.md",
  "Archive/y.md",
];
const TEXTS = [
  "# Acme\n",
  "---\ntype: customer\naliases: [Initech]\n---\n",
  "Call with [[Acme]] and [[Ann Lee]].\n\n- [ ] Task A\n",
  "Initech and Globex talk.\n\n## Key Facts\n\n- fact one\n\n- [ ] Task B\n",
  '---\ncompany: "[[Globex]]"\n---\n',
  "Met [[Bob Stone]].\n",
  "---\ntype: person\ncompany: Initech\n---\n",
];
const PAGES = ["Customers/Acme.md", "Customers/Globex.md", "Customers/Initech.md", "Clients/Acme.md"];
/** An Open Tasks line as the page writes it (with its source link). */
const OPEN = /^- \[ \] (.*\(\[\[[^\]]*\]\]\))$/m;
const TICKED = /^- \[x\] .*\(\[\[[^\]]*\]\]\)$/m;

const vaultOp = fc.oneof(
  fc.record({ k: fc.constant("edit" as const), p: fc.constantFrom(...PATHS), t: fc.constantFrom(...TEXTS) }),
  fc.record({ k: fc.constant("rename" as const), p: fc.constantFrom(...PATHS), q: fc.constantFrom(...PATHS) }),
  fc.record({ k: fc.constant("delete" as const), p: fc.constantFrom(...PATHS) }),
  fc.record({ k: fc.constant("folder" as const), p: fc.constantFrom("Customers", "People", "Meetings", "Notes"), q: fc.constantFrom("Clients", "Customers", "Team", "Archive2") }),
  fc.record({ k: fc.constant("wait" as const), ms: fc.constantFrom(0, 100, 600, 1500) }),
  fc.record({ k: fc.constant("tick" as const), p: fc.constantFrom(...PAGES) }),
);
const settingsOp = fc.record({ k: fc.constant("settings" as const), v: fc.constantFrom(0, 1, 2, 3) });
type Op = typeof vaultOp extends fc.Arbitrary<infer T> ? T | { k: "settings"; v: number } : never;

async function apply(s: Started, o: Op): Promise<void> {
  const { h, plugin } = s;
  if (o.k === "edit") {
    if (h.exists(o.p)) await h.modifyExternally(o.p, o.t);
    else await h.createExternally(o.p, o.t);
  } else if (o.k === "rename" || o.k === "folder") {
    if (h.exists(o.p) && !h.exists(o.q)) await h.renameExternally(o.p, o.q);
  } else if (o.k === "delete") {
    if (h.exists(o.p)) await h.deleteExternally(o.p);
  } else if (o.k === "tick") {
    if (h.exists(o.p) && OPEN.test(h.read(o.p))) await h.modifyExternally(o.p, h.read(o.p).replace(OPEN, "- [x] $1"));
  } else if (o.k === "settings") {
    const v = o.v;
    await plugin.changeSettings((x) => {
      x.excludedFolders = v === 1 ? ["Archive"] : [];
      x.mentions = v !== 2;
      x.folders.customers = v === 3 ? "Clients" : "Customers";
    });
  } else await h.advance(o.ms);
}

function expectAsRebuilt(h: FakeHarness, settings: Settings, live: VaultIndex, ops: readonly Op[]): void {
  const files = new Map(h.vault.getMarkdownFiles().map((f) => [f.path, h.read(f.path)] as const));
  const fresh = VaultIndex.build([...files].map(([path, text]) => ({ path, text })), settings, settings.excludedFolders);
  expect(live.customerPaths()).toEqual(fresh.customerPaths());
  for (const c of fresh.customerPaths()) {
    const text = files.get(c)!;
    expect(text, `${c} after ${JSON.stringify(ops)}`).toBe(renderPage(fresh, c, text, TODAY).text);
    expect(TICKED.test(text), `${c} keeps a tick after ${JSON.stringify(ops)}`).toBe(false);
  }
}

/** The vault's pages regenerated, the kickoff open and the panel showing its customer (a throw in its handlers fails the run). */
async function started(): Promise<Started> {
  const s = await startPlugin(crmVault(), { refreshDelaySeconds: 1 });
  await s.h.run(s.plugin.regenerateAll());
  await s.h.openFile("Meetings/2025-10-01 - Acme kickoff.md");
  await s.plugin.openPanel();
  await s.h.settle();
  return s;
}

afterEach(() => vi.restoreAllMocks());

describe("a vault that moves at random", () => {
  it("refresh on save alone keeps every page as a fresh build makes it", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await fc.assert(
      fc.asyncProperty(fc.array(vaultOp, { minLength: 1, maxLength: 25 }), async (ops) => {
        const s = await started();
        for (const o of ops) await apply(s, o);
        await s.h.settle();
        expectAsRebuilt(s.h, s.plugin.settings, s.plugin.indexer.ready!, ops);
        await s.h.unloadPlugin(s.plugin);
      }),
      { numRuns: 60 },
    );
  });

  it("with settings changed in between, Regenerate every customer page brings every page to them", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof({ weight: 6, arbitrary: vaultOp }, { weight: 1, arbitrary: settingsOp }), { minLength: 1, maxLength: 25 }), async (ops) => {
        const s = await started();
        for (const o of ops) await apply(s, o);
        await s.h.settle();
        await s.h.run(s.plugin.regenerateAll());
        await s.h.settle();
        expectAsRebuilt(s.h, s.plugin.settings, s.plugin.indexer.ready!, ops);
        await s.h.unloadPlugin(s.plugin);
      }),
      { numRuns: 60 },
    );
  });
});
