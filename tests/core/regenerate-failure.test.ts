// A page whose rendering throws (a bug) is left as it is, with a warning naming it, and the other
// pages of the round are still regenerated.
import { describe, expect, it, vi } from "vitest";
import { parseIsoDay } from "../../src/core/dates";
import { regenerate } from "../../src/core/regenerate";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { VaultIndex } from "../../src/core/vault-index";

vi.mock("../../src/core/engine", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/core/engine")>();
  return {
    ...real,
    renderPage: (...args: Parameters<typeof real.renderPage>) => {
      if (args[1] === "Customers/Broken.md") throw new Error("Cannot read properties of undefined (reading 'push')");
      return real.renderPage(...args);
    },
  };
});

describe("regenerate: a page that cannot be rendered", () => {
  it("gets a warning naming it and is left alone; the others are written", async () => {
    const files = new Map(
      Object.entries({
        "Customers/Acme.md": "# Acme\n",
        "Customers/Broken.md": "# Broken\n",
        "Meetings/2025-10-22 - Call.md": "Call with [[Acme]] and [[Broken]].\n",
      }),
    );
    const index = VaultIndex.build([...files].map(([path, text]) => ({ path, text })), DEFAULT_SETTINGS);
    const writes: string[] = [];
    const report = await regenerate(
      index,
      ["Customers/Acme.md", "Customers/Broken.md"],
      {
        read: async (p) => files.get(p) ?? null,
        write: async (p, expected, next) => {
          if (files.get(p) !== expected) return false;
          files.set(p, next);
          writes.push(p);
          return true;
        },
      },
      { today: parseIsoDay("2025-11-01")!, write: true },
    );
    expect(writes).toEqual(["Customers/Acme.md"]);
    expect(files.get("Customers/Broken.md")).toBe("# Broken\n");
    expect(report.pages).toEqual([
      { path: "Customers/Acme.md", changed: true, written: true },
      { path: "Customers/Broken.md", changed: false, written: false, failed: true },
    ]);
    expect(report.warnings).toEqual([
      { file: "Customers/Broken.md", message: "not regenerated: Cannot read properties of undefined (reading 'push') (a bug in Customer Pages; please report it)" },
    ]);
  });
});
