// Lighthouse (pinned in package.json) in Debian's headless Chromium, as on a phone (its
// default: mobile screen, simulated slow 4G and CPU), every page given, one browser.
//   node lighthouse.mjs URL ...   ->   JSON: [{url, scores: {category: 0..1}, failing: [...]}]
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const results = [];
try {
  for (const url of process.argv.slice(2)) {
    const { lhr } = await lighthouse(url, {
      port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES,
      // Its waits for the page, ten minutes rather than 45 and 30 seconds: a busy machine
      // is slow, and only performance (printed, not asserted) may say so.
      maxWaitForLoad: 600_000, maxWaitForFcp: 600_000,
    });
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c].score]));
    // What costs points: each scored audit below 1, with what Lighthouse says of it.
    const failing = CATEGORIES.flatMap((c) =>
      lhr.categories[c].auditRefs
        .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id].score ?? 1) < 1)
        .map((ref) => ({ category: c, id: ref.id, score: lhr.audits[ref.id].score,
                         value: lhr.audits[ref.id].displayValue || "" })));
    results.push({ url, scores, failing, warnings: lhr.runWarnings });
  }
} finally {
  await chrome.kill();
}
console.log(JSON.stringify(results));
