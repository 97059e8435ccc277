// Enhancements only: every page works without this file.
import { initAll } from "../build/govuk/govuk-frontend.min.js";
import { drawMaps } from "./map.js";
import { addPrintButtons } from "./shortlist.js";

initAll();
addPrintButtons(document);
drawMaps(document);
