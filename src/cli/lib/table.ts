/** The table renderer lives in src/text (the preview renders tables too); re-exported for the CLI. */
export { renderTable } from "../../text/table.js";
