// Extension point of the `diff` command: each entry adds fields to `diff --json` (per-function
// "patterns", top-level "suspects", ...) and may print lines before the human table. To add one,
// import it here and append it to the list; nothing else in the CLI needs to change.
import type { DiffJson, DiffReportInput } from './diffReport.ts';
import { patternsExtension } from './patternsExtension.ts';

export interface DiffExtension {
  /** Stable name, for error messages. */
  readonly id: string;
  /** Returns the report with added fields. Must not mutate `report`; keep the core fields as they are. */
  readonly extendJson: (report: DiffJson, input: DiffReportInput) => DiffJson;
  /** Text printed before the human-readable table (e.g. ranked suspects), or '' for nothing. */
  readonly textBefore?: (report: DiffJson, input: DiffReportInput) => string;
}

export const diffExtensions: DiffExtension[] = [patternsExtension];
