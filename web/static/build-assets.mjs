// Copies GOV.UK Frontend and Leaflet from node_modules into web/static/build (served by Flask).
// No network: everything comes from the installed npm packages.
//
// The site is the council's, not GOV.UK's: the GDS Transport font is GOV.UK's own, so its
// @font-face rules are dropped, the font stack falls back to Arial and the font files are not copied.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const staticDir = dirname(fileURLToPath(import.meta.url));
const root = join(staticDir, "..", "..");
const buildDir = join(staticDir, "build");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const leaflet = join(root, "node_modules", "leaflet", "dist");

function replaceOrFail(text, pattern, replacement, what) {
  const result = text.replace(pattern, replacement);
  if (result === text) {
    throw new Error(`build-assets: expected to find ${what} in govuk-frontend.min.css`);
  }
  return result;
}

function councilBrandedCss(css) {
  let result = replaceOrFail(css, /@font-face\{font-family:GDS Transport;[^}]*\}/g, "", "GDS Transport @font-face");
  result = replaceOrFail(result, /GDS Transport,/g, "", "the GDS Transport font stack");
  // The stylesheet expects assets at /assets; ours sit beside it.
  return replaceOrFail(result, /url\(\/assets\//g, "url(assets/", "asset URLs");
}

rmSync(buildDir, { recursive: true, force: true });
mkdirSync(join(buildDir, "govuk", "assets"), { recursive: true });

const css = readFileSync(join(govuk, "govuk-frontend.min.css"), "utf8");
writeFileSync(join(buildDir, "govuk", "govuk-frontend.min.css"), councilBrandedCss(css));
for (const file of ["govuk-frontend.min.js", "govuk-frontend.min.js.map", "govuk-frontend.min.css.map"]) {
  cpSync(join(govuk, file), join(buildDir, "govuk", file));
}
cpSync(join(govuk, "assets", "images"), join(buildDir, "govuk", "assets", "images"), { recursive: true });

mkdirSync(join(buildDir, "leaflet"), { recursive: true });
for (const file of ["leaflet.js", "leaflet.js.map", "leaflet.css"]) {
  cpSync(join(leaflet, file), join(buildDir, "leaflet", file));
}
cpSync(join(leaflet, "images"), join(buildDir, "leaflet", "images"), { recursive: true });

console.log(`Front-end assets copied to ${buildDir}`);
