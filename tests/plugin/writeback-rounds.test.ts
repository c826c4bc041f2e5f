// @vitest-environment happy-dom
// Refresh on save and ticks: a round that starts for one page takes along every other page still
// waiting for its refresh delay that holds a tick not yet written back, so that the same task
// ticked on two pages before the delay ran out is one tick, as in one run of the CLI (B16).
import { afterEach, describe, expect, it, vi } from "vitest";
import { crmVault, startPlugin } from "./setup";

const JOINT = "Meetings/2025-10-05 - Joint call.md";
const ACME = "Customers/Acme.md";
const GLOBEX = "Customers/Globex.md";
const TASK = "Send the contract ([[2025-10-05 - Joint call]])";

function vault(lines = 1): Record<string, string> {
  const files = crmVault();
  files[JOINT] = `Call with [[Acme]] and [[Globex]].\n\n${"- [ ] Send the contract\n".repeat(lines)}`;
  return files;
}

function tick(text: string, status: string): string {
  const next = text.replace(`- [ ] ${TASK}`, `- [${status}] ${TASK}`);
  expect(next).not.toBe(text);
  return next;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("refresh on save: ticks on pages waiting for their delay go in one round", () => {
  it("the same task ticked on two pages before the delay: only the first of two identical lines in the note is closed", async () => {
    const { h, plugin } = await startPlugin(vault(2));
    await plugin.regenerateAll();
    await h.settle();
    // The pages show the two identical lines as one task.
    for (const p of [ACME, GLOBEX]) expect(h.read(p).split(`- [ ] ${TASK}`)).toHaveLength(2);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // Both boxes ticked before either page's refresh delay ran out (Sync, or two panes).
    await h.modifyExternally(ACME, tick(h.read(ACME), "x"));
    await h.advance(500);
    await h.modifyExternally(GLOBEX, tick(h.read(GLOBEX), "x"));
    h.clearLogs();
    await h.settle();
    // One tick, as one run of the CLI makes it (Obsidian Tasks' rule: the first open line).
    expect(h.read(JOINT)).toBe("Call with [[Acme]] and [[Globex]].\n\n- [x] Send the contract\n- [ ] Send the contract\n");
    for (const p of [ACME, GLOBEX]) expect(h.read(p)).toContain(`- [ ] ${TASK}`);
    expect(warn.mock.calls).toEqual([]);
    // One round: the note written once, each page once.
    expect(h.vaultWrites().map((w) => [w.path, w.api])).toEqual([
      [JOINT, "vault.process"],
      [ACME, "vault.process"],
      [GLOBEX, "vault.process"],
    ]);
  });
});
