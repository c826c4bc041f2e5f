// The plugin bundle must run on Obsidian mobile: no Node built-ins. Load the built main.js in a
// sandbox whose require knows only "obsidian" and check that the plugin class loads.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import * as obsidian from "obsidian";
import { ROOT } from "../helpers/vault";

let code = "";

beforeAll(() => {
  execFileSync(process.execPath, ["esbuild.config.mjs", "plugin", "--production"], { cwd: ROOT });
  code = readFileSync(join(ROOT, "main.js"), "utf8");
});

describe("main.js", () => {
  it("loads with a require that knows only obsidian", () => {
    const asked: string[] = [];
    const module = { exports: {} as Record<string, unknown> };
    const sandbox = {
      module,
      exports: module.exports,
      require: (name: string): unknown => {
        asked.push(name);
        if (name === "obsidian") return obsidian;
        throw new Error(`main.js asked for "${name}", which Obsidian mobile does not have`);
      },
      window: globalThis,
      console,
    };
    vm.runInNewContext(code, sandbox, { filename: "main.js" });
    const Plugin = (module.exports.default ?? module.exports) as unknown;
    expect(typeof Plugin).toBe("function");
    expect((Plugin as { prototype: unknown }).prototype instanceof obsidian.Plugin).toBe(true);
    expect(asked.every((n) => n === "obsidian")).toBe(true);
  });

  it("mentions no Node built-in module", () => {
    for (const m of ["fs", "path", "os", "crypto", "child_process", "process", "buffer", "url", "util"]) {
      expect(code).not.toMatch(new RegExp(`require\\(["'](node:)?${m}["']\\)`));
    }
  });

  it("holds no regular expression with a lookbehind in our sources (iOS before 16.4 cannot load such a bundle)", () => {
    const files = execFileSync("git", ["ls-files", "src"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(readFileSync(join(ROOT, f), "utf8"), f).not.toMatch(/\(\?<[=!]/);
  });

  it("calls no structuredClone and no Array .at() in our sources (iOS before 15.4 lacks both)", () => {
    const files = execFileSync("git", ["ls-files", "src"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(readFileSync(join(ROOT, f), "utf8"), f).not.toMatch(/\bstructuredClone\(|\.at\(/);
  });
});
