// Release-ready: Obsidian's manifest rules, `npm version` bumping both files, the install script,
// and a release workflow that attaches the three files.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/vault";

const json = (p: string): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, p), "utf8")) as Record<string, unknown>;

describe("release", () => {
  it("manifest.json follows Obsidian's rules", () => {
    const m = json("manifest.json");
    expect(m.id).toBe("customer-pages");
    expect(String(m.id)).not.toMatch(/obsidian/i);
    expect(m.name).toBe("Customer Pages");
    expect(m.isDesktopOnly).toBe(false);
    const d = String(m.description);
    expect(d.length).toBeLessThanOrEqual(250);
    expect(d.endsWith(".")).toBe(true);
    expect(d).not.toMatch(/obsidian/i);
    expect(m.version).toBe(json("package.json").version);
    expect(json("versions.json")[String(m.version)]).toBe(m.minAppVersion);
  });

  it("npm version tags a release with the bare version, as release.yml and Obsidian expect (no v prefix)", () => {
    const workdir = mkdtempSync(join(tmpdir(), "cp-tag-"));
    for (const f of ["manifest.json", "versions.json", "package.json", ".npmrc"]) copyFileSync(join(ROOT, f), join(workdir, f));
    mkdirSync(join(workdir, "scripts"));
    copyFileSync(join(ROOT, "scripts", "version-bump.mjs"), join(workdir, "scripts", "version-bump.mjs"));
    const git = (...a: string[]) => execFileSync("git", a, { cwd: workdir, encoding: "utf8" });
    git("init", "-q");
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", "-A");
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start");
    execFileSync("npm", ["version", "patch"], {
      cwd: workdir,
      encoding: "utf8",
      env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" },
    });
    const version = (JSON.parse(readFileSync(join(workdir, "manifest.json"), "utf8")) as { version: string }).version;
    expect(git("tag").trim()).toBe(version);
    expect(readFileSync(join(ROOT, ".github", "workflows", "release.yml"), "utf8")).toContain('= "${GITHUB_REF_NAME}"');
  });

  it("npm version writes the new version into manifest.json and versions.json", () => {
    const dir = mkdtempSync(join(tmpdir(), "cp-version-"));
    for (const f of ["manifest.json", "versions.json", "package.json"]) copyFileSync(join(ROOT, f), join(dir, f));
    execFileSync(process.execPath, [join(ROOT, "scripts", "version-bump.mjs")], { cwd: dir, env: { ...process.env, npm_package_version: "1.2.3" } });
    const m = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { version: string; minAppVersion: string };
    const v = JSON.parse(readFileSync(join(dir, "versions.json"), "utf8")) as Record<string, string>;
    expect(m.version).toBe("1.2.3");
    expect(v["1.2.3"]).toBe(m.minAppVersion);
    expect(v["0.1.0"]).toBe("1.5.7");
    expect(json("package.json").scripts).toMatchObject({ version: "node scripts/version-bump.mjs && git add manifest.json versions.json" });
  });

  it("npm run install-plugin copies the three files into the vault's plugin folder", () => {
    // A build folder of its own (the bundle test builds the real main.js; this checks the copy).
    const build = mkdtempSync(join(tmpdir(), "cp-build-"));
    for (const f of ["manifest.json", "styles.css"]) copyFileSync(join(ROOT, f), join(build, f));
    writeFileSync(join(build, "main.js"), "/* built plugin */\n");
    const vault = mkdtempSync(join(tmpdir(), "cp-install-"));
    mkdirSync(join(vault, "Notes"));
    const r = spawnSync(process.execPath, [join(ROOT, "scripts", "install-plugin.mjs"), vault], { cwd: build, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    for (const f of ["main.js", "manifest.json", "styles.css"]) {
      expect(readFileSync(join(vault, ".obsidian", "plugins", "customer-pages", f), "utf8")).toBe(readFileSync(join(build, f), "utf8"));
    }
    const missing = spawnSync(process.execPath, [join(ROOT, "scripts", "install-plugin.mjs"), join(vault, "nope")], { cwd: build, encoding: "utf8" });
    expect(missing.status).toBe(2);
    const unbuilt = mkdtempSync(join(tmpdir(), "cp-unbuilt-"));
    const noBuild = spawnSync(process.execPath, [join(ROOT, "scripts", "install-plugin.mjs"), vault], { cwd: unbuilt, encoding: "utf8" });
    expect(noBuild.status).toBe(1);
    expect(noBuild.stderr).toContain("npm run build");
  });

  it("npm run install-plugin -- <relative vault> reads the vault from where npm was typed (INIT_CWD), not from the repository", () => {
    const build = mkdtempSync(join(tmpdir(), "cp-build-"));
    for (const f of ["manifest.json", "styles.css"]) copyFileSync(join(ROOT, f), join(build, f));
    writeFileSync(join(build, "main.js"), "/* built plugin */\n");
    const home = mkdtempSync(join(tmpdir(), "cp-home-"));
    mkdirSync(join(home, "Notes"));
    // npm's own cwd is the package folder (here: the build folder); INIT_CWD is the user's.
    const r = spawnSync(process.execPath, [join(ROOT, "scripts", "install-plugin.mjs"), "Notes"], { cwd: build, encoding: "utf8", env: { ...process.env, INIT_CWD: home } });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(home, "Notes", ".obsidian", "plugins", "customer-pages", "main.js"), "utf8")).toBe("/* built plugin */\n");
    expect(existsSync(join(build, "Notes"))).toBe(false);
  });

  it("npm run install-plugin with OBSIDIAN_CONFIG_DIR installs into the vault's own config folder (Obsidian's Override config folder)", () => {
    const build = mkdtempSync(join(tmpdir(), "cp-build-"));
    for (const f of ["manifest.json", "styles.css"]) copyFileSync(join(ROOT, f), join(build, f));
    writeFileSync(join(build, "main.js"), "/* built plugin */\n");
    const vault = mkdtempSync(join(tmpdir(), "cp-install-"));
    const r = spawnSync(process.execPath, [join(ROOT, "scripts", "install-plugin.mjs"), vault], { cwd: build, encoding: "utf8", env: { ...process.env, OBSIDIAN_CONFIG_DIR: ".obsidian-phone" } });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(vault, ".obsidian-phone", "plugins", "customer-pages", "main.js"), "utf8")).toBe("/* built plugin */\n");
    expect(existsSync(join(vault, ".obsidian"))).toBe(false);
  });

  it("a tag builds a release with main.js, manifest.json and styles.css", () => {
    const wf = readFileSync(join(ROOT, ".github", "workflows", "release.yml"), "utf8");
    expect(wf).toMatch(/on:\s*\n\s*push:\s*\n\s*tags:/);
    expect(wf).toContain("npm ci");
    expect(wf).toContain("npm run build");
    expect(wf).toMatch(/gh release create .* main\.js manifest\.json styles\.css/);
    expect(existsSync(join(ROOT, "LICENSE"))).toBe(true);
  });
});
