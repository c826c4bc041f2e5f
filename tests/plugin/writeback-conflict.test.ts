// @vitest-environment happy-dom
// One task ticked with two statuses on two customers' pages (`[-]` on one, `[x]` on the other):
// in one round (Regenerate every customer page) the page read first wins, with a warning naming
// both pages; with refresh on save the round that starts first takes along the other page, still
// waiting for its delay with its tick, and says the same.
import { afterEach, describe, expect, it, vi } from "vitest";
import { crmVault, startPlugin } from "./setup";

const JOINT = "Meetings/2025-10-05 - Joint call.md";
const ACME = "Customers/Acme.md";
const GLOBEX = "Customers/Globex.md";
const TASK = "Send the contract ([[2025-10-05 - Joint call]])";

function vault(): Record<string, string> {
  const files = crmVault();
  files[JOINT] = "Call with [[Acme]] and [[Globex]].\n\n- [ ] Send the contract\n";
  return files;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("one task ticked with two statuses on two pages", () => {
  it("in one round: the page read first wins, and the console names both pages and the status written", async () => {
    const { h, plugin } = await startPlugin(vault(), { refreshOnSave: false });
    await plugin.regenerateAll();
    await h.settle();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await h.modifyExternally(ACME, h.read(ACME).replace(`- [ ] ${TASK}`, `- [-] ${TASK}`));
    await h.modifyExternally(GLOBEX, h.read(GLOBEX).replace(`- [ ] ${TASK}`, `- [x] ${TASK}`));
    await h.settle();
    h.executeCommand("customer-pages:regenerate-all");
    await h.settle();
    expect(h.read(JOINT)).toBe("Call with [[Acme]] and [[Globex]].\n\n- [-] Send the contract\n");
    for (const p of [ACME, GLOBEX]) expect(h.read(p)).not.toContain("Send the contract");
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      `Customer Pages: ${GLOBEX}: [x] not written back: ${ACME} ticked the same task [-], which was written to ${JOINT} ` +
        `(the page read first wins; change it there if [x] was meant): - [x] ${TASK}`,
    ]);
    expect(h.notices()[h.notices().length - 1]).toBe("Customer pages: 2 of 2 changed, 1 warning (the command \"Show warnings\" lists it).");
  });

  it("with refresh on save, both pages ticked before the delay: one round, and the console says what the command says", async () => {
    const { h, plugin } = await startPlugin(vault());
    await plugin.regenerateAll();
    await h.settle();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // Both boxes changed before either page's refresh delay ran out (Sync, or two panes).
    await h.modifyExternally(ACME, h.read(ACME).replace(`- [ ] ${TASK}`, `- [-] ${TASK}`));
    await h.modifyExternally(GLOBEX, h.read(GLOBEX).replace(`- [ ] ${TASK}`, `- [x] ${TASK}`));
    await h.settle();
    expect(h.read(JOINT)).toBe("Call with [[Acme]] and [[Globex]].\n\n- [-] Send the contract\n");
    for (const p of [ACME, GLOBEX]) expect(h.read(p)).not.toContain("Send the contract");
    // Acme's round took along Globex, waiting for its delay with a tick: one round, as the command
    // and the CLI make it, which names both pages.
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      `Customer Pages: ${GLOBEX}: [x] not written back: ${ACME} ticked the same task [-], which was written to ${JOINT} ` +
        `(the page read first wins; change it there if [x] was meant): - [x] ${TASK}`,
    ]);
  });

  it("with refresh on save, the same status on both pages before the delay: one tick, and nothing to say", async () => {
    const { h, plugin } = await startPlugin(vault());
    await plugin.regenerateAll();
    await h.settle();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await h.modifyExternally(ACME, h.read(ACME).replace(`- [ ] ${TASK}`, `- [x] ${TASK}`));
    await h.modifyExternally(GLOBEX, h.read(GLOBEX).replace(`- [ ] ${TASK}`, `- [x] ${TASK}`));
    await h.settle();
    expect(h.read(JOINT)).toBe("Call with [[Acme]] and [[Globex]].\n\n- [x] Send the contract\n");
    for (const p of [ACME, GLOBEX]) expect(h.read(p)).not.toContain("Send the contract");
    // One round, as one CLI run: both ticks are one, and there is nothing to warn about.
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([]);
  });
});
