// @vitest-environment happy-dom
// "Regenerate customer page" on a page renamed, moved or deleted while its round runs (Sync from
// another device, the user in another tab), and a page that cannot be read then: the page is
// regenerated where it went, or the notice says what became of it; never "nothing to regenerate".
// Renamed in Obsidian (renameInObsidian): a rename by another program reaches Obsidian as a delete
// and a create, and the page is then "deleted meanwhile" (B32-C).
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { renderPage } from "../../src/core/engine";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";
import type { FakeHarness } from "../fake-obsidian/harness";
import { openModals } from "../fake-obsidian/modal";
import { crmVault, startPlugin } from "./setup";

const PAGE = "customer-pages:regenerate-page";
const ACME = "Customers/Acme.md";
const KICKOFF = "Meetings/2025-10-01 - Acme kickoff.md";
const TODAY = parseIsoDay("2026-01-01")!;

afterEach(() => {
  vi.restoreAllMocks();
});

/** The page as a fresh build over the files now would render it. */
function rebuilt(h: FakeHarness, path: string): string {
  const files = h.vault.getMarkdownFiles().map((f) => ({ path: f.path, text: h.read(f.path) }));
  const index = VaultIndex.build(files, DEFAULT_SETTINGS);
  return renderPage(index, path, h.read(path), TODAY).text;
}

/** Refresh on save off: only the command regenerates. The command runs from the kickoff note (Acme's). */
async function started(files = crmVault()): Promise<Awaited<ReturnType<typeof startPlugin>>> {
  const s = await startPlugin(files, { refreshOnSave: false });
  await s.h.openFile(KICKOFF);
  await s.h.flush();
  return s;
}

/** Does `change` right after the round has read Acme's page, before it writes it. */
function afterPageRead(h: FakeHarness, change: () => Promise<void>): { done: () => Promise<void> | null } {
  const read = h.vault.read.bind(h.vault);
  let changed: Promise<void> | null = null;
  h.vault.read = async (file) => {
    const text = await read(file);
    if (file.path === ACME && changed === null) changed = change();
    return text;
  };
  return { done: () => changed };
}

describe("Regenerate customer page on a page that moves during its round", () => {
  it("renamed: regenerated under its new name, and the notice says so", async () => {
    const { h } = await started();
    const before = h.read(ACME);
    const rename = afterPageRead(h, () => h.renameInObsidian(ACME, "Customers/Acme Corp.md"));
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    expect(rename.done()).not.toBeNull();
    await rename.done();
    expect(h.exists(ACME)).toBe(false);
    const now = h.read("Customers/Acme Corp.md");
    expect(now).not.toBe(before);
    expect(now).toBe(rebuilt(h, "Customers/Acme Corp.md"));
    expect(now).toContain("| **Status** | Active |");
    expect(h.notices()).toEqual(["Customer page updated. It was renamed or moved meanwhile: it is now Customers/Acme Corp.md."]);
  });

  it("renamed, its round giving a warning: the notice says where it went, then counts the warning, which Show warnings lists under its new name (B36-H)", async () => {
    const files = crmVault();
    files[ACME] += "\n## Open Tasks\n\n- [x] Nothing of the kind\n";
    const { h } = await started(files);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const rename = afterPageRead(h, () => h.renameInObsidian(ACME, "Customers/Acme Corp.md"));
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    await rename.done();
    expect(h.read("Customers/Acme Corp.md")).not.toContain("Nothing of the kind");
    expect(h.notices()).toEqual([
      'Customer page updated. It was renamed or moved meanwhile: it is now Customers/Acme Corp.md. 1 warning (the command "Show warnings" lists it).',
    ]);
    expect(warn).toHaveBeenLastCalledWith("Customer Pages: Customers/Acme Corp.md: tick dropped, no open task matches it: - [x] Nothing of the kind");
    expect(h.executeCommand("customer-pages:show-warnings")).toBe(true);
    await h.settle();
    const modal = openModals.at(-1)!;
    // The tick's warning once, under the page's new name (none under the old one); and the vault's
    // own: Ann Lee's `company: "[[Acme]]"`, which the fake Obsidian does not update on a rename.
    expect(modal.titleEl.textContent).toBe("Customer pages: 2 warnings");
    expect(modal.contentEl.textContent).toBe("Customers/Acme Corp.mdtick dropped, no open task matches it: - [x] Nothing of the kindPeople/Ann Lee.mdunresolved link [[Acme]]");
    modal.close();
  });

  it("renamed by another program (a delete and a create to Obsidian): nothing written at either path, the notice says it was deleted, and the command run again regenerates it where it went (B32-C)", async () => {
    const { h } = await started();
    const before = h.read(ACME);
    const rename = afterPageRead(h, () => h.renameExternally(ACME, "Customers/Acme Corp.md"));
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    expect(rename.done()).not.toBeNull();
    await rename.done();
    expect(h.exists(ACME)).toBe(false);
    expect(h.read("Customers/Acme Corp.md")).toBe(before);
    expect(h.vaultWrites()).toEqual([]);
    expect(h.notices()).toEqual(["Customer page not regenerated: it was deleted meanwhile."]);
    await h.openFile("Customers/Acme Corp.md");
    await h.settle();
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    expect(h.read("Customers/Acme Corp.md")).toBe(rebuilt(h, "Customers/Acme Corp.md"));
    expect(h.read("Customers/Acme Corp.md")).toContain("| **Status** | Active |");
    expect(h.notices().at(-1)).toBe("Customer page updated.");
  });

  it("moved out of the customers folder, its type keeping it a customer page: regenerated where it went, and the notice says so", async () => {
    const { h } = await started();
    const before = h.read(ACME);
    const move = afterPageRead(h, () => h.renameInObsidian(ACME, "Archive/Acme.md"));
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    await move.done();
    // Its type: customer frontmatter keeps it a customer page wherever it goes (§2 rule 1).
    expect(h.read("Archive/Acme.md")).toBe(rebuilt(h, "Archive/Acme.md"));
    expect(h.read("Archive/Acme.md")).not.toBe(before);
    expect(h.notices()).toEqual(["Customer page updated. It was renamed or moved meanwhile: it is now Archive/Acme.md."]);
  });

  it("moved to where it is no customer page: the notice says so", async () => {
    const { h } = await started();
    // No type in its frontmatter: a customer page only in the customers folder (§2 rule 3).
    await h.modifyExternally(ACME, h.read(ACME).replace("type: customer\n", ""));
    await h.settle();
    const before = h.read(ACME);
    const move = afterPageRead(h, () => h.renameInObsidian(ACME, "Archive/Acme.md"));
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    await move.done();
    expect(h.read("Archive/Acme.md")).toBe(before);
    expect(h.notices()).toEqual(["Customer page not regenerated: it was renamed or moved meanwhile to Archive/Acme.md, which is no customer page."]);
  });

  it("deleted: the notice says so", async () => {
    const { h } = await started();
    const del = afterPageRead(h, () => h.deleteExternally(ACME));
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    await del.done();
    expect(h.exists(ACME)).toBe(false);
    expect(h.notices()).toEqual(["Customer page not regenerated: it was deleted meanwhile."]);
  });
});

describe("Regenerate every customer page with a page renamed during the round", () => {
  it("refresh on save off: regenerated under its new name by a second round, and counted once in the notice", async () => {
    const { h, plugin } = await started();
    const rename = afterPageRead(h, () => h.renameInObsidian(ACME, "Customers/Acme Corp.md"));
    const report = await h.run(plugin.regenerateAll());
    await h.settle();
    await rename.done();
    expect(h.read("Customers/Acme Corp.md")).toBe(rebuilt(h, "Customers/Acme Corp.md"));
    expect(h.read("Customers/Globex.md")).toBe(rebuilt(h, "Customers/Globex.md"));
    expect(report!.pages.map((p) => p.path)).toEqual(["Customers/Globex.md", "Customers/Acme Corp.md"]);
    // Both pages written (neither had been regenerated); People/Ann Lee.md's [[Acme]] no longer resolves.
    expect(h.notices()).toEqual(['Customer pages: 2 of 2 changed, 1 warning (the command "Show warnings" lists it).']);
  });
});

describe("Regenerate customer page on a page that cannot be read when its round reads it", () => {
  it("a warning naming the page and why, and a notice that it could not be regenerated (not nothing to regenerate)", async () => {
    const { h, plugin } = await started();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const read = h.vault.read.bind(h.vault);
    h.vault.read = async (file) => {
      if (file.path === ACME) throw new Error("EACCES: permission denied, open 'Customers/Acme.md'");
      return read(file);
    };
    const before = h.read(ACME);
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    expect(h.read(ACME)).toBe(before);
    expect(h.notices()).toEqual(['Customer page could not be regenerated (the command "Show warnings" says why).']);
    const message = "cannot be read (EACCES: permission denied, open 'Customers/Acme.md'); not regenerated";
    expect(warn.mock.calls.map((c) => String(c[0]))).toContain(`Customer Pages: ${ACME}: ${message}`);
    expect(plugin.currentWarnings(plugin.indexer.ready!).warnings).toContainEqual({ file: ACME, message });
  });
});

describe("a page moved during its round after the round wrote its ticks back (B29-F)", () => {
  // Moved, its name kept, so that the people and notes linking [[Acme]] still relate to it and its
  // task is on its page where it went. The tick is written to the note, then the page is found
  // moved: it still holds the tick where it went, and the second round must not meet it again — it
  // would be dropped as closed "on another page, or in the note", or, with the task on two identical
  // lines, refused with "tick it in the note", which would have the user close the second line too.
  const MOVED = "Archive/Acme.md";

  /** The vault, with the kickoff note's task on two identical lines when `twice`. */
  function vault(twice: boolean): Record<string, string> {
    const files = crmVault();
    if (twice) files[KICKOFF] += "- [ ] Send the plan\n";
    return files;
  }

  for (const twice of [false, true]) {
    it(`Regenerate customer page: the tick is written once, no warning${twice ? " (the task on two identical lines: the second stays open)" : ""}`, async () => {
      const { h, plugin } = await started(vault(twice));
      const kickoff = h.read(KICKOFF);
      await h.run(plugin.regeneratePages([ACME], false));
      await h.settle();
      expect(h.read(ACME)).toContain("- [ ] Send the plan ([[2025-10-01 - Acme kickoff]])\n");
      await h.modifyExternally(ACME, h.read(ACME).replace("- [ ] Send the plan", "- [x] Send the plan"));
      await h.settle();
      const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
      const rename = afterPageRead(h, () => h.renameInObsidian(ACME, MOVED));
      expect(h.executeCommand(PAGE)).toBe(true);
      await h.settle();
      await rename.done();
      // Obsidian Tasks' rule: the first open line only.
      expect(h.read(KICKOFF)).toBe(kickoff.replace("- [ ] Send the plan", "- [x] Send the plan"));
      const now = h.read(MOVED);
      expect(now).toBe(rebuilt(h, MOVED));
      if (twice) expect(now).toContain("- [ ] Send the plan ([[2025-10-01 - Acme kickoff]])\n");
      else expect(now).not.toContain("Send the plan");
      expect(warn.mock.calls).toEqual([]);
      expect(h.notices().at(-1)).toBe("Customer page updated. It was renamed or moved meanwhile: it is now Archive/Acme.md.");
    });
  }

  it("moved again during the round where it went: its next round still does not meet the written tick (B29-H)", async () => {
    const { h, plugin } = await started(vault(true));
    const kickoff = h.read(KICKOFF);
    await h.run(plugin.regeneratePages([ACME], false));
    await h.settle();
    await h.modifyExternally(ACME, h.read(ACME).replace("- [ ] Send the plan", "- [x] Send the plan"));
    await h.settle();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // The first round reads Acme and it moves; the second, where it went, reads it and it moves again.
    const OLD = "Old/Acme.md";
    const read = h.vault.read.bind(h.vault);
    const moves: Array<Promise<void>> = [];
    h.vault.read = async (file) => {
      const text = await read(file);
      if (file.path === ACME && moves.length === 0) moves.push(h.renameInObsidian(ACME, MOVED));
      else if (file.path === MOVED && moves.length === 1) moves.push(h.renameInObsidian(MOVED, OLD));
      return text;
    };
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    await Promise.all(moves);
    expect(moves).toHaveLength(2);
    h.vault.read = read;
    // Obsidian Tasks' rule: the first open line only, once.
    expect(h.read(KICKOFF)).toBe(kickoff.replace("- [ ] Send the plan", "- [x] Send the plan"));
    expect(h.read(OLD)).toContain("- [x] Send the plan");
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    expect(h.read(KICKOFF)).toBe(kickoff.replace("- [ ] Send the plan", "- [x] Send the plan"));
    expect(h.read(OLD)).toBe(rebuilt(h, OLD));
    expect(h.read(OLD)).toContain("- [ ] Send the plan ([[2025-10-01 - Acme kickoff]])\n");
    expect(warn.mock.calls.map((c) => String(c[0])).filter((w) => w.includes("Send the plan"))).toEqual([]);
  });

  for (const copied of [false, true]) {
    it(`its round where it went cannot write it: the round after that still does not meet the written tick${copied ? " (the user copied its line meanwhile: the page shows it twice, one tick)" : ""} (B30-B)`, async () => {
      const { h, plugin } = await started(vault(true));
      const kickoff = h.read(KICKOFF);
      await h.run(plugin.regeneratePages([ACME], false));
      await h.settle();
      await h.modifyExternally(ACME, h.read(ACME).replace("- [ ] Send the plan", "- [x] Send the plan"));
      await h.settle();
      const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
      // The first round reads Acme and it moves; the second, where it went, cannot write it (a full disk).
      const process = h.vault.process.bind(h.vault);
      let refused = 0;
      h.vault.process = async (file, fn, options) => {
        if (file.path === MOVED && refused++ === 0) throw new Error("ENOSPC: no space left on device");
        return process(file, fn, options);
      };
      const rename = afterPageRead(h, () => h.renameInObsidian(ACME, MOVED));
      expect(h.executeCommand(PAGE)).toBe(true);
      await h.settle();
      await rename.done();
      expect(refused).toBe(1);
      h.vault.process = process;
      // Obsidian Tasks' rule: the first open line only, once; the page where it went still holds the tick.
      expect(h.read(KICKOFF)).toBe(kickoff.replace("- [ ] Send the plan", "- [x] Send the plan"));
      expect(h.read(MOVED)).toContain("- [x] Send the plan ([[2025-10-01 - Acme kickoff]])\n");
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([`Customer Pages: ${MOVED}: not written (ENOSPC: no space left on device)`]);
      warn.mockClear();
      if (copied) {
        // Two identical ticked lines on one page are one tick (§8), as one round would take them: both
        // are the tick written already (written ticks are filtered as a set, not counted).
        const ticked = "- [x] Send the plan ([[2025-10-01 - Acme kickoff]])\n";
        await h.modifyExternally(MOVED, h.read(MOVED).replace(ticked, ticked + ticked));
        await h.settle();
      }
      // Its next round takes the tick for written: the second identical line stays open, no warning.
      expect(h.executeCommand(PAGE)).toBe(true);
      await h.settle();
      expect(h.read(KICKOFF)).toBe(kickoff.replace("- [ ] Send the plan", "- [x] Send the plan"));
      expect(h.read(MOVED)).toBe(rebuilt(h, MOVED));
      expect(h.read(MOVED)).toContain("- [ ] Send the plan ([[2025-10-01 - Acme kickoff]])\n");
      expect(warn.mock.calls).toEqual([]);
    });
  }

  it("its round where it went cannot write it, the round after that writes it: the written tick is forgotten, and the same line ticked again is met (B30-E)", async () => {
    const { h, plugin } = await started(vault(true));
    const kickoff = h.read(KICKOFF);
    const line = "- [ ] Send the plan ([[2025-10-01 - Acme kickoff]])";
    await h.run(plugin.regeneratePages([ACME], false));
    await h.settle();
    await h.modifyExternally(ACME, h.read(ACME).replace(line, line.replace("[ ]", "[x]")));
    await h.settle();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const process = h.vault.process.bind(h.vault);
    let refused = 0;
    h.vault.process = async (file, fn, options) => {
      if (file.path === MOVED && refused++ === 0) throw new Error("ENOSPC: no space left on device");
      return process(file, fn, options);
    };
    const rename = afterPageRead(h, () => h.renameInObsidian(ACME, MOVED));
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    await rename.done();
    h.vault.process = process;
    expect(refused).toBe(1);
    expect(h.read(MOVED)).toContain(`${line.replace("[ ]", "[x]")}\n`);
    // Written at last: the second identical line shows open, and the round's entry is spent.
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    expect(h.read(MOVED)).toBe(rebuilt(h, MOVED));
    expect(h.read(MOVED)).toContain(`${line}\n`);
    warn.mockClear();
    // The user ticks that line on the page: a tick of its own, met (B29-A refuses it, the note
    // holding the task closed on an identical line); taken for the written one, it would be
    // rendered over without a word.
    await h.modifyExternally(MOVED, h.read(MOVED).replace(line, line.replace("[ ]", "[x]")));
    await h.settle();
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    expect(h.read(KICKOFF)).toBe(kickoff.replace("- [ ] Send the plan", "- [x] Send the plan"));
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      `Customer Pages: ${MOVED}: tick not written back: ${KICKOFF} holds this task on identical lines, one closed [x] already; ` +
        "the tick may be the one written there before (from another page, or by a run that could not write this page), " +
        `so which line it means is unknown: tick it in the note: ${line.replace("[ ]", "[x]")}`,
    ]);
    expect(h.read(MOVED)).toContain(`${line}\n`);
  });

  it("moved where it is no customer page, the task reopened in the note, the page moved back: its round does not close the task again (B30-B)", async () => {
    const files = vault(false);
    // No type in its frontmatter: a customer page only in the customers folder (§2 rule 3).
    files[ACME] = files[ACME]!.replace("type: customer\n", "");
    const { h, plugin } = await started(files);
    const kickoff = h.read(KICKOFF);
    await h.run(plugin.regeneratePages([ACME], false));
    await h.settle();
    await h.modifyExternally(ACME, h.read(ACME).replace("- [ ] Send the plan", "- [x] Send the plan"));
    await h.settle();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const move = afterPageRead(h, () => h.renameInObsidian(ACME, MOVED));
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    await move.done();
    expect(h.read(KICKOFF)).toBe(kickoff.replace("- [ ] Send the plan", "- [x] Send the plan"));
    expect(h.notices().at(-1)).toBe("Customer page not regenerated: it was renamed or moved meanwhile to Archive/Acme.md, which is no customer page.");
    expect(h.read(MOVED)).toContain("- [x] Send the plan ([[2025-10-01 - Acme kickoff]])\n");
    // While it is no customer page another page's round runs, the user reopens the task in the
    // note, then moves the page back.
    await h.run(plugin.regeneratePages(["Customers/Globex.md"], false));
    await h.settle();
    await h.modifyExternally(KICKOFF, kickoff);
    await h.renameInObsidian(MOVED, ACME);
    await h.settle();
    expect(h.executeCommand(PAGE)).toBe(true);
    await h.settle();
    // The tick was written once: met again, it would close the task the user reopened.
    expect(h.read(KICKOFF)).toBe(kickoff);
    expect(h.read(ACME)).toBe(rebuilt(h, ACME));
    expect(h.read(ACME)).toContain("- [ ] Send the plan ([[2025-10-01 - Acme kickoff]])\n");
    expect(warn.mock.calls).toEqual([]);
  });

  it("Regenerate every customer page: the same, for the page its second round regenerates", async () => {
    const { h, plugin } = await started(vault(true));
    const kickoff = h.read(KICKOFF);
    expect(kickoff.split("- [ ] Send the plan\n")).toHaveLength(3);
    await h.run(plugin.regenerateAll());
    await h.settle();
    await h.modifyExternally(ACME, h.read(ACME).replace("- [ ] Send the plan", "- [x] Send the plan"));
    await h.settle();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const rename = afterPageRead(h, () => h.renameInObsidian(ACME, MOVED));
    await h.run(plugin.regenerateAll());
    await h.settle();
    await rename.done();
    expect(h.read(KICKOFF)).toBe(kickoff.replace("- [ ] Send the plan", "- [x] Send the plan"));
    expect(h.read(MOVED)).toBe(rebuilt(h, MOVED));
    expect(h.read(MOVED)).toContain("- [ ] Send the plan ([[2025-10-01 - Acme kickoff]])\n");
    expect(warn.mock.calls.map((c) => String(c[0])).filter((w) => w.includes("Send the plan"))).toEqual([]);
  });
});

describe("refresh on save: a page moved during its round after the round wrote its ticks back (B29-F)", () => {
  it("its round where it went does not meet them again: the second identical line stays open, no warning", async () => {
    const files = crmVault();
    files[KICKOFF] += "- [ ] Send the plan\n";
    const { h, plugin } = await startPlugin(files);
    await h.run(plugin.regenerateAll());
    await h.settle();
    const kickoff = h.read(KICKOFF);
    expect(h.read(ACME)).toContain("- [ ] Send the plan ([[2025-10-01 - Acme kickoff]])\n");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const move = afterPageRead(h, () => h.renameInObsidian(ACME, "Archive/Acme.md"));
    await h.modifyExternally(ACME, h.read(ACME).replace("- [ ] Send the plan", "- [x] Send the plan"));
    await h.settle();
    expect(move.done()).not.toBeNull();
    await move.done();
    await h.settle();
    // Obsidian Tasks' rule: the first open line only, once.
    expect(h.read(KICKOFF)).toBe(kickoff.replace("- [ ] Send the plan", "- [x] Send the plan"));
    const now = h.read("Archive/Acme.md");
    expect(now).toBe(rebuilt(h, "Archive/Acme.md"));
    expect(now).toContain("- [ ] Send the plan ([[2025-10-01 - Acme kickoff]])\n");
    expect(warn.mock.calls).toEqual([]);
  });
});
