// @vitest-environment happy-dom
// A tick's source renamed, moved or deleted while the round runs, after the page holding the tick was
// read (Sync from another device, the user in another tab). The plugin's index follows the rename at
// once, so the round must not look the note up there by its old path: the tick stays on its page,
// with a warning naming the note, and the next round writes it to the note under its new name (B29-C,
// as the CLI does).
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FakeHarness } from "../fake-obsidian/harness";
import { crmVault, startPlugin } from "./setup";

const ACME = "Customers/Acme.md";
const GLOBEX = "Customers/Globex.md";
const KICKOFF = "Meetings/2025-10-01 - Acme kickoff.md";
const RENAMED = "Meetings/2025-10-01 - Kickoff renamed.md";

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Refresh on save off (only the commands regenerate); Acme's page made, then "Send the plan" ticked
 * on it. `change` runs as the round reads Globex's page — after Acme's (path order), whose tick is
 * found by then, and before the tick is applied.
 */
async function tickedThen(change: (h: FakeHarness) => Promise<void>): Promise<{ h: FakeHarness; regenerateAll: () => Promise<unknown>; changed: () => Promise<void> | null }> {
  const { h, plugin } = await startPlugin(crmVault(), { refreshOnSave: false });
  await plugin.regenerateAll();
  await h.settle();
  const page = h.read(ACME);
  expect(page).toContain("- [ ] Send the plan ([[2025-10-01 - Acme kickoff]])\n");
  await h.modifyExternally(ACME, page.replace("- [ ] Send the plan", "- [x] Send the plan"));
  await h.settle();
  const read = h.vault.read.bind(h.vault);
  let changed: Promise<void> | null = null;
  h.vault.read = async (file) => {
    const text = await read(file);
    if (file.path === GLOBEX && changed === null) changed = change(h);
    return text;
  };
  return { h, regenerateAll: () => plugin.regenerateAll(), changed: () => changed };
}

describe("a tick's source renamed or deleted during the round", () => {
  it("renamed: the tick stays on the page with a warning naming the note, and the next round writes it to the note under its new name", async () => {
    const { h, regenerateAll, changed } = await tickedThen((x) => x.renameExternally(KICKOFF, RENAMED));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await regenerateAll();
    await h.settle();
    expect(changed()).not.toBeNull();
    await changed();
    expect(h.exists(KICKOFF)).toBe(false);
    // The note is as it was: the round never read it under its new name.
    expect(h.read(RENAMED)).toContain("- [ ] Send the plan\n");
    // The tick is kept on the page (rendered with the note's new name), not dropped as matching nothing.
    expect(h.read(ACME)).toContain("- [x] Send the plan ([[2025-10-01 - Kickoff renamed]])\n");
    const said = warn.mock.calls.map((c) => String(c[0]));
    expect(said).toContain(`Customer Pages: ${KICKOFF}: gone since it was read (deleted, renamed or moved meanwhile); 1 task(s) left unticked`);
    expect(said.some((w) => w.includes("tick dropped"))).toBe(false);

    // The next round finds the note under its new name and writes the tick there.
    h.vault.read = Object.getPrototypeOf(h.vault).read.bind(h.vault);
    await regenerateAll();
    await h.settle();
    expect(h.read(RENAMED)).toContain("- [x] Send the plan\n");
    expect(h.read(ACME)).not.toContain("Send the plan");
  });

  it("deleted: the tick stays on the page with a warning naming the note, not dropped as matching nothing", async () => {
    const { h, regenerateAll, changed } = await tickedThen((x) => x.deleteExternally(KICKOFF));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await regenerateAll();
    await h.settle();
    expect(changed()).not.toBeNull();
    await changed();
    expect(h.exists(KICKOFF)).toBe(false);
    const said = warn.mock.calls.map((c) => String(c[0]));
    expect(said).toContain(`Customer Pages: ${KICKOFF}: gone since it was read (deleted, renamed or moved meanwhile); 1 task(s) left unticked`);
    expect(said.some((w) => w.includes("tick dropped"))).toBe(false);
  });
});
