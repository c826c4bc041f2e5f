// npm run install-plugin -- <vault>: copies the built plugin (main.js, manifest.json, styles.css)
// into <vault>/.obsidian/plugins/customer-pages/.
import { copyFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const vault = process.argv[2];
if (!vault) {
  process.stderr.write("usage: npm run install-plugin -- <vault folder>\n");
  process.exit(2);
}
// npm runs scripts in this repository's folder; a relative vault is meant from where npm was typed
// (INIT_CWD), not from here: `npm run install-plugin -- ../Notes` next to the clone.
const root = resolve(process.env.INIT_CWD ?? process.cwd(), vault);
if (!existsSync(root) || !statSync(root).isDirectory()) {
  process.stderr.write(`error: ${vault} is not a folder\n`);
  process.exit(2);
}
const configDir = process.env.OBSIDIAN_CONFIG_DIR ?? ".obsidian";
const target = join(root, configDir, "plugins", "customer-pages");
mkdirSync(target, { recursive: true });
for (const f of ["main.js", "manifest.json", "styles.css"]) {
  if (!existsSync(f)) {
    process.stderr.write(`error: ${f} is missing; run npm run build first\n`);
    process.exit(1);
  }
  copyFileSync(f, join(target, f));
}
process.stdout.write(`installed into ${target}\nEnable "Customer Pages" under Settings → Community plugins (reload Obsidian if it was open).\n`);
