import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as fake from "obsidian";

// The real typings list what a plugin can import at runtime; the fake must provide each name
// with the same kind of value, or a plugin that type-checks would fail to load under test.
const dts = readFileSync(fileURLToPath(new URL("../../node_modules/obsidian/obsidian.d.ts", import.meta.url)), "utf8");
const declared = [...dts.matchAll(/^export (?:declare )?(?:abstract )?(class|function|const|let|enum) (\w+)/gm)].map(
  (m) => [m[1] as string, m[2] as string] as const,
);

describe("module exports match obsidian.d.ts 1.8.7", () => {
  it("declares a known, non-trivial set of runtime names", () => {
    expect(declared.length).toBeGreaterThan(100);
    expect(declared.map(([, name]) => name)).toEqual(expect.arrayContaining(["Plugin", "Vault", "debounce", "Platform"]));
  });

  it.each(declared)("%s %s is exported", (kind, name) => {
    const value = (fake as Record<string, unknown>)[name];
    expect(value, `${name} is missing`).toBeDefined();
    if (kind === "class" || kind === "function") expect(typeof value).toBe("function");
    if (kind === "enum") expect(typeof value).toBe("object");
  });

  it("exports nothing the real module does not (test controls live in ./harness)", () => {
    const real = new Set(declared.map(([, name]) => name));
    const extra = Object.keys(fake).filter((name) => !real.has(name));
    expect(extra).toEqual([]);
  });
});
