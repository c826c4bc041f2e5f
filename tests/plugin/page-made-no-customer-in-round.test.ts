// @vitest-environment happy-dom
// A customer page made no customer page while its round runs (its `type` removed in another
// program, or in its editor, between the round's read and its write): the write is refused (the
// text changed), the page read again is no customer page — and the round rendered and wrote it once
// more as a page, the note gaining last_contact and an Account Status section, and the notice said
// "Customer page updated." It is left as it is, and the notices say so (B42-A's Not fixed).
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";
import type { FakeHarness } from "../fake-obsidian/harness";
import { crmVault, startPlugin } from "./setup";

const PAGE = "customer-pages:regenerate-page";
// Outside the customers folder: its `type: customer` alone makes it a customer page (§2).
const ACME = "Clients/Acme.md";
const GLOBEX = "Customers/Globex.md";
const KICKOFF = "Meetings/2025-10-01 - Acme kickoff.md";
const TODAY = parseIsoDay("2026-01-01")!;
const MESSAGE = "no customer page any more (changed while it was regenerated); left as it is";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Refresh on save off: only the commands regenerate. The active note is the kickoff (Acme's). */
async function started(): Promise<Awaited<ReturnType<typeof startPlugin>>> {
  const files = crmVault();
  files[ACME] = files["Customers/Acme.md"]!;
  delete files["Customers/Acme.md"];
  const s = await startPlugin(files, { refreshOnSave: false });
  await s.h.openFile(KICKOFF);
  await s.h.flush();
  expect(s.plugin.indexer.ready!.isCustomer(ACME)).toBe(true);
  return s;
}

/** Removes Acme's `type` in another program right after the round has read the page, before it writes it. */
function typeRemovedAfterRead(h: FakeHarness): { done: () => Promise<void> | null; text: string } {
  const text = h.read(ACME).replace("type: customer\n", "");
  const read = h.vault.read.bind(h.vault);
  let changed: Promise<void> | null = null;
  h.vault.read = async (file) => {
    const got = await read(file);
    if (file.path === ACME && changed === null) changed = h.modifyExternally(ACME, text);
    return got;
  };
  return { done: () => changed, text };
}

/** The page as a fresh build over the files now would render it. */
function rebuilt(h: FakeHarness, path: string): string {
  const files = h.vault.getMarkdownFiles().map((f) => ({ path: f.path, text: h.read(f.path) }));
  return renderPage(VaultIndex.build(files, DEFAULT_SETTINGS), path, h.read(path), TODAY).text;
}

describe("a customer page made no customer page while its round runs", () => {
  it("Regenerate customer page: the note is left as the other program made it, and the notice does not say it was updated", async () => {
    const { h, plugin } = await started();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const change = typeRemovedAfterRead(h);
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    expect(change.done()).not.toBeNull();
    await change.done();
    expect(h.read(ACME)).toBe("---\nstatus: Active\n---\n# Acme\n\nManual intro.\n\n## Recent Context\n\n## Notes\n\nMine.\n");
    expect(h.read(ACME)).toBe(change.text);
    expect(plugin.indexer.ready!.isCustomer(ACME)).toBe(false);
    expect(h.notices()).toEqual(["Customer page not regenerated: it was changed meanwhile, and is no customer page any more."]);
    expect(warn).toHaveBeenCalledWith(`Customer Pages: ${ACME}: ${MESSAGE}`);
  });

  it("Regenerate customer page, its type removed in its open editor just before the round writes it: the editor keeps what was typed, and the notice says so", async () => {
    const { h, plugin } = await started();
    const typed = h.read(ACME).replace("type: customer\n", "");
    // Open beside the kickoff, which stays active: the command still regenerates Acme.
    const view = await h.openFile(ACME, { newLeaf: "split", active: false });
    await h.flush();
    // The round reads an open page from its editor, and writes through it; the user's edit lands
    // between the two (the plugin announces each write to its indexer right before making it).
    const expectWrite = plugin.indexer.expectWrite.bind(plugin.indexer);
    let typedAt = 0;
    vi.spyOn(plugin.indexer, "expectWrite").mockImplementation((path, text, index) => {
      if (path === ACME && typedAt++ === 0) view.editor.setValue(typed);
      expectWrite(path, text, index);
    });
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    expect(view.editor.getValue()).toBe("---\nstatus: Active\n---\n# Acme\n\nManual intro.\n\n## Recent Context\n\n## Notes\n\nMine.\n");
    // Written once only: the write refused, nothing after it.
    expect(typedAt).toBe(1);
    expect(h.notices()).toEqual(["Customer page not regenerated: it was changed meanwhile, and is no customer page any more."]);
  });

  it("Regenerate customer page, its type removed in its open editor and not saved yet: the round reads the editor's text, no customer page, and leaves it as typed (B43-A)", async () => {
    const { h, plugin } = await started();
    const disk = h.read(ACME);
    const typed = disk.replace("type: customer\n", "");
    // Open beside the kickoff, which stays active: the command still regenerates Acme.
    const view = await h.openFile(ACME, { newLeaf: "split", active: false });
    await h.flush();
    view.editor.setValue(typed);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.flush();
    // The round read the editor's text (B28-C): written as a page, it gained last_contact and an
    // Account Status section in the editor, and the notice said "Customer page updated."
    expect(view.editor.getValue()).toBe("---\nstatus: Active\n---\n# Acme\n\nManual intro.\n\n## Recent Context\n\n## Notes\n\nMine.\n");
    expect(h.notices()).toEqual(["Customer page not regenerated: it was changed meanwhile, and is no customer page any more."]);
    expect(warn).toHaveBeenCalledWith(`Customer Pages: ${ACME}: ${MESSAGE}`);
    expect(plugin.indexer.ready!.isCustomer(ACME)).toBe(false);
    // Globex, the other customer, is a fresh build's page once the editor has saved what was typed.
    await h.settle();
    expect(h.read(ACME)).toBe(typed);
    await h.run(plugin.regenerateAll());
    await h.settle();
    expect(h.read(ACME)).toBe(typed);
    expect(h.read(GLOBEX)).toBe(rebuilt(h, GLOBEX));
  });

  it("Regenerate every customer page: the other page is written, this one left as it is and counted apart; its warning is not counted, as Show warnings does not list it", async () => {
    const { h, plugin } = await started();
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const change = typeRemovedAfterRead(h);
    const report = await h.run(plugin.regenerateAll());
    await h.settle();
    await change.done();
    expect(h.read(ACME)).toBe(change.text);
    expect(h.read(GLOBEX)).toBe(rebuilt(h, GLOBEX));
    expect(h.read(GLOBEX)).toContain("## Account Status");
    expect(report!.pages).toEqual([
      { path: ACME, changed: false, written: false, noLongerCustomer: true },
      { path: GLOBEX, changed: true, written: true },
    ]);
    expect(report!.warnings).toEqual([{ file: ACME, message: MESSAGE }]);
    expect(h.notices()).toEqual(["Customer pages: 1 of 2 changed, 1 no customer page any more, 0 warnings."]);
    // The warning is in the console only: Show warnings leaves out a round's page that is no customer page.
    expect(plugin.currentWarnings(plugin.indexer.ready!)).toEqual({ settings: [], warnings: [] });
  });
});
