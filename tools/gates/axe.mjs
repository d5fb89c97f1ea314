// axe-core in Debian's headless Chromium: every page given, at a phone's width and at
// 1400 px (where furo shows its right-hand contents bar), in light and dark colours.
//   node axe.mjs URL-or-FILE ...   ->   JSON: [{page, width, scheme, id, impact, help, nodes}]
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { launch } from "./browser.mjs";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const WIDTHS = [390, 1400];
const SCHEMES = ["light", "dark"];
const axeSource = readFileSync(new URL("./node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

const browser = await launch();
const violations = [];
try {
  const tab = await browser.newPage();
  // No time limit: a busy machine is slow, never wrong (a page that fails to load throws).
  tab.setDefaultNavigationTimeout(0);
  tab.setDefaultTimeout(0);
  for (const page of process.argv.slice(2)) {
    for (const width of WIDTHS) {
      for (const scheme of SCHEMES) {
        await tab.setViewport({ width, height: 900 });
        await tab.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
        const url = /^https?:/.test(page) ? page : pathToFileURL(page).href;
        await tab.goto(url, { waitUntil: "load" });
        await tab.addScriptTag({ content: axeSource });
        const result = await tab.evaluate(
          (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), TAGS);
        for (const v of result.violations) {
          violations.push({ page, width, scheme, id: v.id, impact: v.impact, help: v.help,
                            nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) });
        }
      }
    }
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(violations, null, 1));
